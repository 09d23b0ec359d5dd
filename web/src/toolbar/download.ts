/** Hands a file to the browser to save. */
export function download(file: Blob, name: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const exportName = (extension: string) => `patmap-chart-${new Date().toISOString().slice(0, 10)}.${extension}`;
