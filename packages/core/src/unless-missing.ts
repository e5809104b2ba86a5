/**
 * Waits for a file-system call and gives `undefined` when its path does not exist (ENOENT);
 * any other failure is thrown as it is. For the many places where "not there yet" is a normal
 * answer, not an error.
 */
export async function unlessMissing<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
