import { shallowRef } from 'vue';

/**
 * The ask-then-confirm flow of a destructive action. `ask(item)` opens the dialog for an item (and
 * clears the last error), `confirm()` runs the action and closes the dialog when it succeeds; a
 * failure keeps the dialog open with the mutation's error in it, so the person can read it and
 * try again or cancel.
 */
export function useConfirmedAction<T>(run: (item: T) => Promise<unknown>, reset: () => void) {
  const target = shallowRef<T | null>(null);
  return {
    target,
    ask(item: T): void {
      reset();
      target.value = item;
    },
    cancel(): void {
      target.value = null;
    },
    async confirm(): Promise<void> {
      const item = target.value;
      if (item === null) return;
      try {
        await run(item);
        target.value = null;
      } catch {
        // Shown in the dialog.
      }
    },
  };
}
