/** Actions that need words typed after a button: a question, an answer, a period, a reason, a reply. */
export type InputKind = 'ask' | 'answer' | 'plan' | 'reject' | 'reply'
