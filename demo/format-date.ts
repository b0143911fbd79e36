/** A date as `YYYY/MM/DD`, like the `formatAsDate` template function of gin-jwt-session's example. */
export function formatAsDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}/${month}/${day}`;
}
