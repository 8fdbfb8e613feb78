import { ref } from 'vue';
import { useApi, type ApiPath, type DownloadOptions } from './api-client';
import { saveFile } from './save-file';

/**
 * A download that needs the session's token (CSV exports): fetched, counted as it streams in so
 * the button can show progress, then saved under the server's file name.
 */
export function useFileDownload() {
  const api = useApi();
  const pending = ref(false);
  const bytesReceived = ref(0);
  const error = ref<unknown>(null);

  async function download(
    url: ApiPath,
    options: Omit<DownloadOptions, 'onProgress'>,
    fallbackName: string,
  ): Promise<boolean> {
    pending.value = true;
    bytesReceived.value = 0;
    error.value = null;
    try {
      const file = await api.download(url, {
        ...options,
        onProgress: (bytes) => (bytesReceived.value = bytes),
      });
      saveFile(file.blob, file.filename ?? fallbackName);
      return true;
    } catch (e) {
      error.value = e;
      return false;
    } finally {
      pending.value = false;
    }
  }

  return { pending, bytesReceived, error, download };
}
