import { onBeforeUnmount, onMounted, type Ref } from 'vue';

/** Closes a popover on a click outside `root` or on Escape. */
export function useDismiss(root: Ref<HTMLElement | null>, isOpen: () => boolean, close: () => void): void {
  function onPointer(event: Event) {
    if (isOpen() && root.value && !root.value.contains(event.target as Node)) close();
  }
  function onKey(event: KeyboardEvent) {
    if (isOpen() && event.key === 'Escape') close();
  }
  onMounted(() => {
    document.addEventListener('mousedown', onPointer);
    document.addEventListener('keydown', onKey);
  });
  onBeforeUnmount(() => {
    document.removeEventListener('mousedown', onPointer);
    document.removeEventListener('keydown', onKey);
  });
}
