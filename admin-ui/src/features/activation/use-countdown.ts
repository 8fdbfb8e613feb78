import { onBeforeUnmount, ref } from 'vue';

/** Seconds left of a wait the server asked for (Retry-After), ticking down to 0. */
export function useCountdown() {
  const remaining = ref(0);
  let timer: ReturnType<typeof setInterval> | undefined;

  function start(seconds: number) {
    clearInterval(timer);
    remaining.value = Math.max(0, Math.ceil(seconds));
    if (!remaining.value) return;
    timer = setInterval(() => {
      remaining.value = Math.max(0, remaining.value - 1);
      if (!remaining.value) clearInterval(timer);
    }, 1000);
  }

  onBeforeUnmount(() => clearInterval(timer));
  return { remaining, start };
}
