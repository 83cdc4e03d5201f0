import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeResidentServices } from '../../../src/core/dialogue/resident-services.js'
import type { Draft } from '../../../src/core/dialogue/state.js'
import { emptyDraft } from '../../../src/core/dialogue/state.js'
import { makeSubmitRequest } from '../../../src/core/requests/submit-request.js'
import { loadCatalogue } from '../../../src/db/repositories/catalogue.js'
import { createRequestStore } from '../../../src/db/repositories/request-store.js'
import { createResidentStore } from '../../../src/db/repositories/resident-store.js'
import { createTransact } from '../../../src/db/transact.js'
import { aResident, idOf } from '../../support/fixtures.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'

describe("the resident's services on PostgreSQL", () => {
  let t: TestDatabase
  let services: ReturnType<typeof makeResidentServices>

  const draft = (overrides: Partial<Draft> = {}): Draft => ({
    ...emptyDraft(`draft-${Math.random()}`),
    topCategoryCode: 'water',
    categoryCode: 'water.no-hot',
    districtCode: 'lida',
    settlementCode: 'lida.lida',
    street: 'ул. Советская',
    house: '5',
    description: 'Нет горячей воды с утра во всём доме',
    ...overrides,
  })

  beforeAll(async () => {
    t = await createTestDatabase()
    const catalogue = await loadCatalogue(t.db)
    services = makeResidentServices({
      store: createResidentStore(t.db),
      catalogue: () => Promise.resolve(catalogue),
      submitRequest: makeSubmitRequest({ transact: createTransact(t.db, createRequestStore), now: () => new Date() }),
    })
  })
  afterAll(async () => {
    await t.drop()
  })

  it('when an outage notice covers the street and the service, then it is found before sending; other streets and services are not', async () => {
    const admin = await aResident(t.db)
    const settlementId = await idOf(t.db, 'settlements', 'lida.lida')
    await t.db
      .insertInto('notices')
      .values({
        kind: 'planned_outage',
        service: 'hot_water',
        area: JSON.stringify({
          scope: 'settlement',
          settlementId,
          streets: [{ street: 'ул. Советская', houses: null }],
        }),
        body: 'Плановое отключение горячей воды до 12:00',
        state: 'sent',
        ends_at: new Date(Date.now() + 3_600_000),
        created_by_user_id: admin,
      })
      .execute()
    const user = await aResident(t.db)
    const covered = await services.checkBeforeSend(user, draft())
    expect(covered.notices.map((n) => n.body)).toEqual(['Плановое отключение горячей воды до 12:00'])
    expect((await services.checkBeforeSend(user, draft({ street: 'ул. Мицкевича' }))).notices).toEqual([])
    expect(
      (await services.checkBeforeSend(user, draft({ topCategoryCode: 'lift', categoryCode: 'lift.not-working' })))
        .notices,
    ).toEqual([])
  })

  it('when a request is filed, then it is found as a duplicate, its card is shown to the author and a follower only', async () => {
    const author = await aResident(t.db)
    const submitted = await services.submit(author, draft({ street: 'Кирова', house: '9' }), 'telegram')
    if (!submitted.ok) throw new Error(submitted.error)
    expect(submitted.organisationName?.ru).toBeTruthy()

    const neighbour = await aResident(t.db)
    const { duplicates } = await services.checkBeforeSend(neighbour, draft({ street: 'ул. Кирова', house: '9' }))
    expect(duplicates.map((d) => d.number)).toEqual([submitted.number])
    const id = duplicates[0]?.id ?? 0

    expect(await services.requestCard(neighbour, { number: submitted.number })).toBeNull()
    expect(await services.follow(neighbour, id)).toBe(submitted.number)
    expect(await services.requestCard(neighbour, { number: submitted.number })).toMatchObject({
      own: false,
      status: 'new',
    })
    expect(await services.requestCard(author, { id })).toMatchObject({
      own: true,
      history: [expect.objectContaining({ status: 'new' })],
    })
  })

  it('when a neighbour follows a request, then its card shows the house but not the flat, the words or the photos', async () => {
    const author = await aResident(t.db)
    const submitted = await services.submit(
      author,
      draft({
        street: 'ул. Гастелло',
        house: '12',
        flat: 'кв. 44',
        description: 'Течёт с потолка у Ивановых, звонить 8029',
        photos: [{ ref: { telegramFileId: 'private-photo' }, mimeType: 'image/jpeg', sizeBytes: 1000 }],
      }),
      'telegram',
    )
    if (!submitted.ok) throw new Error(submitted.error)
    const neighbour = await aResident(t.db)
    const { duplicates } = await services.checkBeforeSend(neighbour, draft({ street: 'Гастелло', house: '12' }))
    await services.follow(neighbour, duplicates[0]?.id ?? 0)

    const seen = await services.requestCard(neighbour, { number: submitted.number })
    expect(seen).toMatchObject({ own: false, addressText: 'Лида, ул. Гастелло, 12', description: '', photos: [] })
    // The flat's own words, not its digits alone: a timestamp in the card may hold "44" too.
    expect(JSON.stringify(seen)).not.toContain('кв. 44')
    expect(await services.requestCard(author, { number: submitted.number })).toMatchObject({
      own: true,
      addressText: 'Лида, ул. Гастелло, 12, кв. 44',
      photos: [{ telegramFileId: 'private-photo' }],
    })
  })

  it('when a description and a flat hold NUL and other controls, then the request is filed with them removed', async () => {
    const author = await aResident(t.db)
    const submitted = await services.submit(
      author,
      draft({ street: 'ул. Лермонтова', flat: 'кв.\u0000 7', description: 'Нет воды\u0000 уже\u0007 третий день' }),
      'telegram',
    )
    if (!submitted.ok) throw new Error(submitted.error)
    const row = await t.db
      .selectFrom('requests')
      .select(['description', 'flat', 'address_text'])
      .where('number', '=', submitted.number)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      description: 'Нет воды уже третий день',
      flat: 'кв. 7',
      address_text: 'Лида, ул. Лермонтова, 5, кв. 7',
    })
  })

  it('when a description is only invisible characters around a few letters, then it is refused as too short', async () => {
    const author = await aResident(t.db)
    expect(
      await services.submit(
        author,
        draft({ street: 'ул. Пушкина', description: `ой${'\u200B'.repeat(20)}\u200F\u0301` }),
        'telegram',
      ),
    ).toEqual({ ok: false, error: 'description-too-short' })
  })

  it('when the list is paged, then it goes newest first and says whether more follow', async () => {
    const author = await aResident(t.db)
    const numbers: string[] = []
    for (let i = 1; i <= 3; i++) {
      const result = await services.submit(author, draft({ street: `Улица ${i}` }), 'telegram')
      if (result.ok) numbers.push(result.number)
    }
    const first = await services.listRequests(author, 0, 2)
    expect(first.items.map((r) => r.number)).toEqual([numbers[2], numbers[1]])
    expect(first.hasMore).toBe(true)
    const second = await services.listRequests(author, 1, 2)
    expect(second.items.map((r) => r.number)).toEqual([numbers[0]])
    expect(second.hasMore).toBe(false)
  })

  it('when a resident files a sixth request within an hour, then it is refused and not stored', async () => {
    const author = await aResident(t.db)
    for (let i = 1; i <= 5; i++)
      expect((await services.submit(author, draft({ street: `Проспект ${i}` }), 'telegram')).ok).toBe(true)
    expect(await services.submit(author, draft({ street: 'Проспект 6' }), 'telegram')).toEqual({
      ok: false,
      error: 'rate-limited',
    })
    expect((await services.listRequests(author, 0, 10)).items).toHaveLength(5)
  })

  it('when profile settings change and the resident asks to be forgotten, then personal data goes and requests stay', async () => {
    const user = await aResident(t.db)
    await services.saveProfile(user, {
      language: 'be',
      consentGiven: true,
      phone: '+375291112233',
      home: { districtCode: 'lida', settlementCode: 'lida.lida', street: 'Советская' },
    })
    expect(await services.profile(user)).toEqual({
      language: 'be',
      consentGiven: true,
      homeDistrictCode: 'lida',
      notificationsEnabled: true,
    })
    const submitted = await services.submit(user, draft({ street: 'Набережная', phone: '+375291112233' }), 'telegram')
    if (!submitted.ok) throw new Error(submitted.error)

    await services.forget(user)
    const row = await t.db.selectFrom('users').selectAll().where('id', '=', user).executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      phone: null,
      home_settlement_id: null,
      consent_given_at: null,
      notifications_enabled: false,
    })
    expect(row.anonymised_at).not.toBeNull()
    const request = await t.db
      .selectFrom('requests')
      .select(['number', 'contact_phone'])
      .where('number', '=', submitted.number)
      .executeTakeFirstOrThrow()
    expect(request).toEqual({ number: submitted.number, contact_phone: null })
    expect(await t.db.selectFrom('channel_identities').select('id').where('user_id', '=', user).execute()).toEqual([])
  })
})
