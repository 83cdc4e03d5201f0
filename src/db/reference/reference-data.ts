import { z } from 'zod'

/**
 * The shape of the regional reference data file (reference/*.json).
 * Admins edit that file; `npm run cli -- seed` validates it against this schema
 * before touching the database, so a typo is reported by path and loads nothing.
 */

const code = z
  .string()
  .regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'lower-case latin letters, digits, "-" and "."')

/** A text in every language the product speaks. */
const localized = z.object({ ru: z.string().min(1), be: z.string().min(1), en: z.string().min(1) })

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')

const phone = z.object({
  number: z.string().regex(/^[+\d][\d\s()-]{1,24}$/, 'digits, spaces, "+", "(", ")", "-"'),
  label: localized.optional(),
  /** true: not a verified real number; shown to people with a warning. */
  placeholder: z.boolean(),
})

const slaTarget = z.object({
  amount: z.number().int().positive(),
  unit: z.enum(['minutes', 'hours', 'working_days']),
})

const organisationType = z.enum([
  'housing', 'water', 'roads', 'energy', 'gas', 'heating', 'lifts', 'waste', 'greenery', 'lighting', 'contact_centre',
])

const leafCategory = z.object({
  code,
  name: localized,
  emergency: z.boolean(),
  /** Danger to life: the bot tells which number to call and creates no request. */
  hardStop: z.object({ phone: z.string().min(2), message: localized }).nullable(),
  /** Not housing/utility business: guidance and the right phone, no request. */
  notOurCompetence: z.object({ phone: z.string().min(2).nullable(), guidance: localized }).nullable(),
  sla: z.object({ accept: slaTarget, fix: slaTarget }),
  photoRequired: z.boolean(),
  season: z.enum(['all', 'winter', 'summer', 'heating']),
})

const topCategory = z.object({
  code,
  name: localized,
  children: z.array(leafCategory).min(1),
})

const settlement = z.object({
  code,
  kind: z.enum(['city', 'town', 'urban_settlement', 'village']),
  name: localized,
})

const district = z.object({
  code,
  kind: z.enum(['city', 'district']),
  name: localized,
  centre: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }),
  settlements: z.array(settlement).min(1),
})

const organisation = z.object({
  code,
  type: organisationType,
  /** null: serves the whole region. */
  districtCode: code.nullable(),
  name: localized,
  phones: z.array(phone),
  workingHours: z.string().nullable(),
})

/**
 * A rule routes (district, category) to a primary organisation and copies.
 * `district: "*"` expands to every district; organisations may be named by code
 * or by type (`{ "type": "housing" }` = that district's housing organisation).
 * A rule for a top-level category applies to all its children unless a child has its own.
 */
const organisationRef = z.union([code, z.object({ type: organisationType })])

const routingRule = z.object({
  district: z.union([z.literal('*'), code]),
  category: code,
  primary: organisationRef,
  copies: z.array(organisationRef).default([]),
})

export const ReferenceData = z.object({
  region: z.object({
    code,
    name: localized,
    timezone: z.string().min(1),
    /** Upper-case letters at the start of every request number, e.g. GR in GR-26-004217. */
    requestNumberPrefix: z.string().regex(/^[A-Z]{2,3}$/),
  }),
  calendar: z.object({
    /** ISO weekday numbers, 1 = Monday … 7 = Sunday. */
    weekend: z.array(z.number().int().min(1).max(7)),
    holidays: z.array(isoDate),
    /** Weekend days made working days by a government transfer of days off. */
    workingWeekendDays: z.array(isoDate),
  }),
  emergencyNumbers: z.array(z.object({ code, phone: z.string().min(2), name: localized })).min(1),
  districts: z.array(district).min(1),
  organisations: z.array(organisation).min(1),
  categories: z.array(topCategory).min(1),
  routingRules: z.array(routingRule),
})

export type ReferenceData = z.infer<typeof ReferenceData>
export type OrganisationType = z.infer<typeof organisationType>
