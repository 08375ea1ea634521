/** A reason's weight as the page shows it: always signed, two decimals, a true minus sign. */
export function signed(weight: number): string {
  return `${weight >= 0 ? '+' : '−'}${Math.abs(weight).toFixed(2)}`;
}
