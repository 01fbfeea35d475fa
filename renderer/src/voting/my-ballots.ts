/*
 * What this voter chose and the receipt code they were given, per poll, kept
 * in sessionStorage: a reload during the session still shows "Bạn đã chọn"
 * and the receipt, and closing the browser forgets both.
 */

export interface MyBallot {
  option: number;
  receipt: string | null;
}

function storageKey(userId: string, pollId: string): string {
  return `dien-hong.ballot:${userId}:${pollId}`;
}

export function readMyBallot(userId: string, pollId: string): MyBallot | null {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(storageKey(userId, pollId)) ?? 'null');
    if (!stored || typeof stored !== 'object') return null;
    const { option, receipt } = stored as Record<string, unknown>;
    if (typeof option !== 'number' || !(typeof receipt === 'string' || receipt === null)) return null;
    return { option, receipt };
  } catch {
    return null;
  }
}

export function saveMyBallot(userId: string, pollId: string, ballot: MyBallot): void {
  try {
    sessionStorage.setItem(storageKey(userId, pollId), JSON.stringify(ballot));
  } catch {
    // Storage full or disabled: the ballot itself is recorded on the server; only the reminder is lost.
  }
}
