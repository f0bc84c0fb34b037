/**
 * A stand-in for HubSpot's API on 127.0.0.1 for the webhook bench: Thread's real connector (the official SDK, with
 * its per-account rate limiter and retries) points at it through HUBSPOT_BASE_URL. It keeps closed-won deals with
 * their company, contact and owner, the default sales pipeline, and what the write-back writes (properties,
 * company updates, notes), in memory; it answers in the shapes the SDK deserializes (those of the tests' fake,
 * tests/support/fake-hubspot.ts, which checks them), checks the bearer token and counts calls. Anything else
 * answers 404.
 */
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';

type ObjectType = 'deals' | 'companies' | 'contacts' | 'notes';

interface StoredObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
}

interface Link {
  fromType: ObjectType;
  fromId: string;
  toType: ObjectType;
  toId: string;
  types: { category: 'HUBSPOT_DEFINED'; typeId: number; label?: string }[];
}

export interface BenchHubSpot {
  url: string;
  token: string;
  portalId: number;
  /** A deal at closed won, owned by `ownerEmail`, with its primary company and one contact, as sales leaves it. */
  addClosedWonDeal(o: { company: string; domain: string; ownerId: string; ownerEmail: string; amount: string }): {
    dealId: string;
  };
  /** Requests answered so far. */
  calls(): number;
  close(): Promise<void>;
}

const SINGULAR: Record<string, ObjectType> = {
  deal: 'deals',
  deals: 'deals',
  '0-3': 'deals',
  company: 'companies',
  companies: 'companies',
  '0-2': 'companies',
  contact: 'contacts',
  contacts: 'contacts',
  '0-1': 'contacts',
  note: 'notes',
  notes: 'notes',
  '0-46': 'notes',
};

/** HubSpot's type ids for the default associations, and the primary deal → company one. */
const TYPE_IDS: Record<string, number> = {
  'deals>companies': 341,
  'companies>deals': 342,
  'deals>contacts': 3,
  'contacts>deals': 4,
  'companies>contacts': 280,
  'contacts>companies': 279,
  'notes>companies': 190,
  'companies>notes': 189,
};
const PRIMARY_TYPE_IDS: Record<string, number> = { 'deals>companies': 5, 'companies>deals': 6 };

const SALES_PIPELINE = {
  id: 'default',
  label: 'Sales Pipeline',
  stages: [
    { id: 'appointmentscheduled', label: 'Appointment Scheduled', probability: 0.2, isClosed: false },
    { id: 'contractsent', label: 'Contract Sent', probability: 0.9, isClosed: false },
    { id: 'closedwon', label: 'Closed Won', probability: 1, isClosed: true },
    { id: 'closedlost', label: 'Closed Lost', probability: 0, isClosed: true },
  ],
};

const EPOCH = '2025-01-01T00:00:00.000Z';

export async function startBenchHubSpot(o: { token: string; portalId: number }): Promise<BenchHubSpot> {
  const store: Record<ObjectType, Map<string, StoredObject>> = {
    deals: new Map(),
    companies: new Map(),
    contacts: new Map(),
    notes: new Map(),
  };
  const owners = new Map<string, { id: string; email: string }>();
  const links: Link[] = [];
  const properties = new Map<string, Record<string, unknown>[]>();
  const groups = new Map<string, Record<string, unknown>[]>();
  let nextId = 1000;
  let calls = 0;

  const add = (type: ObjectType, props: Record<string, string | null>): StoredObject => {
    const id = String((nextId += 1));
    const at = new Date().toISOString();
    const object = { id, properties: { ...props, hs_object_id: id, createdate: at, hs_lastmodifieddate: at } };
    const stored = { ...object, createdAt: at, updatedAt: at };
    store[type].set(id, stored);
    return stored;
  };
  const associate = (a: { type: ObjectType; id: string }, b: { type: ObjectType; id: string }, primary = false) => {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      const key = `${from.type}>${to.type}`;
      const types: Link['types'] = [{ category: 'HUBSPOT_DEFINED', typeId: TYPE_IDS[key] ?? 1 }];
      if (primary && PRIMARY_TYPE_IDS[key])
        types.push({ category: 'HUBSPOT_DEFINED', typeId: PRIMARY_TYPE_IDS[key], label: 'Primary' });
      links.push({ fromType: from.type, fromId: from.id, toType: to.type, toId: to.id, types });
    }
  };
  const view = (object: StoredObject, wanted: string[]) => {
    const names = wanted.length > 0 ? wanted : ['hs_object_id', 'createdate', 'hs_lastmodifieddate'];
    return {
      id: object.id,
      properties: Object.fromEntries(names.map((n) => [n, object.properties[n] ?? null])),
      createdAt: object.createdAt,
      updatedAt: object.updatedAt,
      archived: false,
    };
  };
  const listOf = (value: unknown): string[] =>
    (Array.isArray(value) ? value : value === undefined ? [] : [value])
      .flatMap((v) => String(v).split(','))
      .filter(Boolean);
  const notFound = (res: Response, message = 'Object not found.') =>
    res.status(404).json({ status: 'error', message, category: 'OBJECT_NOT_FOUND', correlationId: 'bench' });
  const typeOf = (req: Request) => SINGULAR[String(req.params.objectType)];

  const app = express();
  app.use(express.json({ limit: '5mb' }));
  app.use((req, res, next) => {
    calls += 1;
    if (req.headers.authorization !== `Bearer ${o.token}`) {
      res.status(401).json({
        status: 'error',
        message: 'Authentication credentials not found.',
        category: 'INVALID_AUTHENTICATION',
      });
      return;
    }
    next();
  });

  app.get('/account-info/v3/details', (_req, res) => {
    res.json({
      portalId: o.portalId,
      accountType: 'STANDARD',
      timeZone: 'Europe/London',
      companyCurrency: 'EUR',
      additionalCurrencies: [],
      utcOffset: '+00:00',
      utcOffsetMilliseconds: 0,
      uiDomain: 'app.hubspot.com',
      dataHostingLocation: 'na1',
    });
  });

  app.get('/crm/v3/pipelines/:objectType', (req, res) => {
    if (typeOf(req) !== 'deals') return res.json({ results: [] });
    res.json({
      results: [
        {
          id: SALES_PIPELINE.id,
          label: SALES_PIPELINE.label,
          displayOrder: 0,
          archived: false,
          createdAt: EPOCH,
          updatedAt: EPOCH,
          stages: SALES_PIPELINE.stages.map((s, i) => ({
            id: s.id,
            label: s.label,
            displayOrder: i,
            archived: false,
            createdAt: EPOCH,
            updatedAt: EPOCH,
            writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
            metadata: { isClosed: String(s.isClosed), probability: s.probability.toFixed(1) },
          })),
        },
      ],
    });
  });

  app.get('/crm/v3/owners/:ownerId', (req, res) => {
    const owner = owners.get(String(req.params.ownerId));
    if (!owner) return notFound(res, 'Owner not found');
    res.json({
      id: owner.id,
      email: owner.email,
      firstName: 'Deal',
      lastName: 'Owner',
      userId: Number(owner.id) + 1,
      type: 'PERSON',
      createdAt: EPOCH,
      updatedAt: EPOCH,
      archived: false,
    });
  });

  // The poll's search (every 15 minutes): deals at the stages asked for, changed since the time given.
  app.post('/crm/v3/objects/:objectType/search', (req, res) => {
    if (typeOf(req) !== 'deals') return notFound(res);
    const body = req.body as {
      filterGroups?: { filters: { propertyName: string; operator: string; value?: string; values?: string[] }[] }[];
      properties?: string[];
      limit?: number;
      after?: string;
    };
    const filters = body.filterGroups?.[0]?.filters ?? [];
    const matching = [...store.deals.values()].filter((d) =>
      filters.every((f) => {
        const actual = d.properties[f.propertyName];
        if (f.operator === 'IN') return actual !== null && actual !== undefined && (f.values ?? []).includes(actual);
        if (f.operator === 'GTE') return actual != null && Date.parse(actual) >= Number(f.value);
        return true;
      }),
    );
    const start = Number(body.after ?? 0);
    const limit = Math.min(body.limit ?? 10, 200);
    res.json({
      total: matching.length,
      results: matching.slice(start, start + limit).map((d) => view(d, body.properties ?? [])),
      paging: start + limit < matching.length ? { next: { after: String(start + limit) } } : undefined,
    });
  });

  app.post('/crm/v3/objects/:objectType/batch/read', (req, res) => {
    const type = typeOf(req);
    if (!type) return notFound(res);
    const body = req.body as { inputs: { id: string }[]; properties?: string[] };
    const found = body.inputs.flatMap((i) => store[type].get(String(i.id)) ?? []);
    const now = new Date().toISOString();
    res.json({
      status: 'COMPLETE',
      results: found.map((f) => view(f, body.properties ?? [])),
      startedAt: now,
      completedAt: now,
    });
  });

  app.get('/crm/v3/objects/:objectType/:id', (req, res) => {
    const type = typeOf(req);
    const object = type ? store[type].get(String(req.params.id)) : undefined;
    if (!object) return notFound(res);
    res.json(view(object, listOf(req.query.properties)));
  });

  // The write-back's writes: a note on a company, and the company's Thread properties.
  app.post('/crm/v3/objects/:objectType', (req, res) => {
    const type = typeOf(req);
    if (!type) return notFound(res);
    const body = req.body as { properties?: Record<string, string>; associations?: { to: { id: string } }[] };
    const created = add(type, body.properties ?? {});
    for (const link of body.associations ?? [])
      if (store.companies.has(String(link.to.id)))
        associate({ type, id: created.id }, { type: 'companies', id: String(link.to.id) });
    res.status(201).json(view(created, Object.keys(created.properties)));
  });

  app.patch('/crm/v3/objects/:objectType/:id', (req, res) => {
    const type = typeOf(req);
    const object = type ? store[type].get(String(req.params.id)) : undefined;
    if (!object) return notFound(res);
    const at = new Date().toISOString();
    Object.assign(object.properties, (req.body as { properties?: object }).properties ?? {}, {
      hs_lastmodifieddate: at,
    });
    object.updatedAt = at;
    res.json(view(object, Object.keys(object.properties)));
  });

  app.get('/crm/v4/objects/:objectType/:id/associations/:toType', (req, res) => {
    const from = typeOf(req);
    const to = SINGULAR[String(req.params.toType)];
    const rows = links.filter((l) => l.fromType === from && l.fromId === String(req.params.id) && l.toType === to);
    res.json({ results: rows.map((r) => ({ toObjectId: Number(r.toId), associationTypes: r.types })) });
  });

  const propertyView = (p: Record<string, unknown>) => ({
    options: [],
    hidden: false,
    formField: false,
    createdAt: EPOCH,
    updatedAt: EPOCH,
    ...p,
  });
  app.get('/crm/v3/properties/:objectType/groups', (req, res) => {
    res.json({ results: groups.get(String(req.params.objectType)) ?? [] });
  });
  app.post('/crm/v3/properties/:objectType/groups', (req, res) => {
    const body = req.body as { name: string; label: string; displayOrder?: number };
    const group = { name: body.name, label: body.label, displayOrder: body.displayOrder ?? -1, archived: false };
    groups.set(String(req.params.objectType), [...(groups.get(String(req.params.objectType)) ?? []), group]);
    res.status(201).json(group);
  });
  app.get('/crm/v3/properties/:objectType', (req, res) => {
    res.json({ results: (properties.get(String(req.params.objectType)) ?? []).map(propertyView) });
  });
  app.post('/crm/v3/properties/:objectType', (req, res) => {
    const body = req.body as Record<string, unknown>;
    properties.set(String(req.params.objectType), [...(properties.get(String(req.params.objectType)) ?? []), body]);
    res.status(201).json(propertyView(body));
  });

  app.use((_req, res) => notFound(res, 'bench HubSpot: route not implemented'));

  const server: Server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token: o.token,
    portalId: o.portalId,
    addClosedWonDeal: (d) => {
      owners.set(d.ownerId, { id: d.ownerId, email: d.ownerEmail });
      const company = add('companies', { name: d.company, domain: d.domain, industry: 'LOGISTICS' });
      const contact = add('contacts', {
        firstname: 'Hank',
        lastname: 'Scorpio',
        email: `hank@${d.domain}`,
        jobtitle: 'COO',
      });
      const deal = add('deals', {
        dealname: `${d.company} platform`,
        amount: d.amount,
        pipeline: 'default',
        dealstage: 'closedwon',
        hubspot_owner_id: d.ownerId,
      });
      associate({ type: 'deals', id: deal.id }, { type: 'companies', id: company.id }, true);
      associate({ type: 'deals', id: deal.id }, { type: 'contacts', id: contact.id });
      associate({ type: 'companies', id: company.id }, { type: 'contacts', id: contact.id });
      return { dealId: deal.id };
    },
    calls: () => calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
