import { describe, expect, it } from 'vitest'
import { loadDictionaries } from '../../../../src/app/locales.js'
import * as dispatch from '../../../../src/bot/telegram/staff/dispatch/outcomes.js'
import { ACCESS_REFUSAL } from '../../../../src/bot/telegram/staff/executor/results.js'
import * as notices from '../../../../src/bot/telegram/staff/notices/texts.js'
import * as onboarding from '../../../../src/bot/telegram/staff/onboarding/texts.js'

const maps: Record<string, Record<string, string>> = {
  'dispatch ACCESS_ERROR': dispatch.ACCESS_ERROR,
  'dispatch ACTION_ERROR': dispatch.ACTION_ERROR,
  'dispatch DONE': dispatch.DONE,
  'dispatch PROMPT': dispatch.PROMPT,
  'dispatch LINK_CHAT_ERROR': dispatch.LINK_CHAT_ERROR,
  'dispatch CALL_ERROR': dispatch.CALL_ERROR,
  'dispatch REJECTION_REASON': dispatch.REJECTION_REASON,
  'executor ACCESS_REFUSAL': ACCESS_REFUSAL,
  'notices NOTICE_ERROR': notices.NOTICE_ERROR,
  'notices NOTICE_KIND': notices.NOTICE_KIND,
  'notices NOTICE_SERVICE': notices.NOTICE_SERVICE,
  'onboarding ROLE': onboarding.ROLE,
  'onboarding NEXT_STEP': onboarding.NEXT_STEP,
  'onboarding INVITE_ERROR': onboarding.INVITE_ERROR,
  'onboarding REDEEM_ERROR': onboarding.REDEEM_ERROR,
  'onboarding REVOKE_ERROR': onboarding.REVOKE_ERROR,
}

describe('staff code-to-text maps', () => {
  it('when a staff screen turns a code into a text, then the key is in the Russian texts', async () => {
    const { ru } = await loadDictionaries()
    const missing = Object.entries(maps).flatMap(([name, map]) =>
      Object.values(map)
        .filter((key) => ru[key] === undefined)
        .map((key) => `${name}: ${key}`),
    )
    expect(missing).toEqual([])
  })
})
