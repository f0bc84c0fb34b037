/**
 * A fake HubSpot API on 127.0.0.1 for the real @hubspot/api-client (pointed at it through HUBSPOT_BASE_URL, the
 * SDK's basePath). It keeps deals, companies, contacts, notes, owners, v4 associations (both directions, with
 * labels), pipelines with stage metadata, properties and property groups in memory, answers search, checks the
 * bearer token, records every call, and fails on demand: 429 with Retry-After and HubSpot's rate-limit body, or
 * a 5xx, for the next N matching requests.
 *
 * Shapes follow HubSpot's v3 CRM and v4 associations APIs closely enough for the SDK to deserialize them; only
 * what Thread uses is implemented, and anything else answers 404 so a test notices.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: unknown;
  authorization: string | undefined;
}

export interface FakeObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export interface FakeOwner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
}

export interface FakeStage {
  id: string;
  label: string;
  isClosed?: boolean;
  probability?: number;
}

export interface FakePipeline {
  id: string;
  label: string;
  stages: FakeStage[];
}

export interface FakeProperty {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description?: string;
  options?: unknown[];
  [extra: string]: unknown;
}

export interface FakePropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

interface FakeAssociationType {
  category: 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED';
  typeId: number;
  label?: string;
}

interface FakeAssociationRow {
  fromType: string;
  fromId: string;
  toType: string;
  toId: string;
  types: FakeAssociationType[];
}

export interface FaultPlan {
  status: 429 | 500 | 502 | 503;
  /** How many matching requests fail before the fake answers normally again. */
  times?: number;
  /** Only requests whose "METHOD path" matches (e.g. /GET \/crm\/v3\/objects\/deals/); all when unset. */
  match?: RegExp;
  /** For 429: which HubSpot limit was hit. SECONDLY (the default) and TEN_SECONDLY_ROLLING are retried by the SDK. */
  policy?: 'SECONDLY' | 'TEN_SECONDLY_ROLLING' | 'DAILY';
}

type ObjectType = 'deals' | 'companies' | 'contacts' | 'notes';
const OBJECT_TYPES: ObjectType[] = ['deals', 'companies', 'contacts', 'notes'];

/** HubSpot's own association type ids for the default (unlabelled and primary) associations Thread reads. */
const DEFAULT_TYPE_IDS: Record<string, number> = {
  'deals>companies': 341,
  'companies>deals': 342,
  'deals>contacts': 3,
  'contacts>deals': 4,
  'companies>contacts': 280,
  'contacts>companies': 279,
  'notes>companies': 190,
  'companies>notes': 189,
  'notes>deals': 214,
  'deals>notes': 213,
};
const PRIMARY_TYPE_IDS: Record<string, number> = { 'deals>companies': 5, 'companies>deals': 6 };

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

export interface FakeHubSpot {
  url: string;
  token: string;
  portalId: number;
  calls: RecordedCall[];
  /** Calls whose "METHOD path" matches. */
  callsTo(pattern: RegExp): RecordedCall[];
  failNext(plan: FaultPlan): void;
  /** Drops every planned failure not yet used. */
  clearFaults(): void;
  /** Forgets every record, association, owner, property and call (the pipelines go back to the default one). */
  reset(): void;
  /** HubSpot's own clock: every write moves it on by a second. */
  clockNow(): Date;
  addDeal(properties: Record<string, string | null>, id?: string): FakeObject;
  updateDeal(id: string, properties: Record<string, string | null>): FakeObject;
  addCompany(properties: Record<string, string | null>, id?: string): FakeObject;
  updateCompany(id: string, properties: Record<string, string | null>): FakeObject;
  addContact(properties: Record<string, string | null>, id?: string): FakeObject;
  updateContact(id: string, properties: Record<string, string | null>): FakeObject;
  /** Archives a contact: reads of it answer 404 and batch reads leave it out, as HubSpot does. */
  deleteContact(id: string): void;
  object(type: ObjectType, id: string): FakeObject | undefined;
  objects(type: ObjectType): FakeObject[];
  addOwner(owner: Omit<FakeOwner, 'userId'> & { userId?: number }): FakeOwner;
  /** Associates two records both ways; labels add USER_DEFINED association types beside the default one. */
  associate(
    from: { type: ObjectType; id: string },
    to: { type: ObjectType; id: string },
    options?: { labels?: string[]; primary?: boolean },
  ): void;
  unassociate(from: { type: ObjectType; id: string }, to: { type: ObjectType; id: string }): void;
  setPipelines(pipelines: FakePipeline[]): void;
  properties(objectType: string): FakeProperty[];
  propertyGroups(objectType: string): FakePropertyGroup[];
  /** Notes with the ids of the records they are associated with. */
  notesOn(type: ObjectType, id: string): FakeObject[];
  close(): Promise<void>;
}

/** The sales pipeline every fresh HubSpot account has, with HubSpot's default stage metadata. */
export const DEFAULT_PIPELINE: FakePipeline = {
  id: 'default',
  label: 'Sales Pipeline',
  stages: [
    { id: 'appointmentscheduled', label: 'Appointment Scheduled', probability: 0.2 },
    { id: 'qualifiedtobuy', label: 'Qualified To Buy', probability: 0.4 },
    { id: 'contractsent', label: 'Contract Sent', probability: 0.9 },
    { id: 'closedwon', label: 'Closed Won', isClosed: true, probability: 1 },
    { id: 'closedlost', label: 'Closed Lost', isClosed: true, probability: 0 },
  ],
};

export async function startFakeHubSpot(
  options: { token?: string; portalId?: number; uiDomain?: string; startAt?: Date } = {},
): Promise<FakeHubSpot> {
  const token = options.token ?? 'pat-na1-fake-token';
  const portalId = options.portalId ?? 4_200_042;
  const calls: RecordedCall[] = [];
  const faults: (FaultPlan & { times: number })[] = [];
  const store: Record<ObjectType, Map<string, FakeObject>> = {
    deals: new Map(),
    companies: new Map(),
    contacts: new Map(),
    notes: new Map(),
  };
  const owners = new Map<string, FakeOwner>();
  let associations: FakeAssociationRow[] = [];
  let pipelines: FakePipeline[] = [DEFAULT_PIPELINE];
  const properties = new Map<string, FakeProperty[]>();
  const groups = new Map<string, FakePropertyGroup[]>();
  let nextId = 1000;
  // Starts at the wall clock, so a Thread process on wall time (the CLI) searches the same window.
  let clock = options.startAt?.getTime() ?? Math.floor(Date.now() / 1000) * 1000;
  // Every write moves HubSpot's own clock on by a second, so "modified since" searches have an order to follow.
  const tick = () => new Date((clock += 1000)).toISOString();

  const newObject = (type: ObjectType, props: Record<string, string | null>, id?: string): FakeObject => {
    const objectId = id ?? String((nextId += 1));
    const at = tick();
    const object: FakeObject = {
      id: objectId,
      properties: { ...props, hs_object_id: objectId, createdate: at, hs_lastmodifieddate: at },
      createdAt: at,
      updatedAt: at,
      archived: false,
    };
    store[type].set(objectId, object);
    return object;
  };
  const update = (type: ObjectType, id: string, props: Record<string, string | null>): FakeObject => {
    const object = store[type].get(id);
    if (!object) throw new Error(`fake HubSpot: no ${type} ${id}`);
    const at = tick();
    Object.assign(object.properties, props, { hs_lastmodifieddate: at });
    object.updatedAt = at;
    return object;
  };

  const associate: FakeHubSpot['associate'] = (from, to, opts = {}) => {
    const oneWay = (a: { type: ObjectType; id: string }, b: { type: ObjectType; id: string }) => {
      const key = `${a.type}>${b.type}`;
      const types: FakeAssociationType[] = [{ category: 'HUBSPOT_DEFINED', typeId: DEFAULT_TYPE_IDS[key] ?? 1 }];
      if (opts.primary && PRIMARY_TYPE_IDS[key])
        types.push({ category: 'HUBSPOT_DEFINED', typeId: PRIMARY_TYPE_IDS[key], label: 'Primary' });
      (opts.labels ?? []).forEach((label, i) => types.push({ category: 'USER_DEFINED', typeId: 100 + i, label }));
      associations = associations.filter(
        (r) => !(r.fromType === a.type && r.fromId === a.id && r.toType === b.type && r.toId === b.id),
      );
      associations.push({ fromType: a.type, fromId: a.id, toType: b.type, toId: b.id, types });
    };
    oneWay(from, to);
    oneWay(to, from);
  };

  const app = express();
  app.use(express.json({ limit: '5mb' }));

  app.use((req, res, next) => {
    calls.push({
      method: req.method,
      path: req.path,
      query: { ...req.query },
      body: req.body as unknown,
      authorization: req.headers.authorization,
    });
    const line = `${req.method} ${req.path}`;
    const fault = faults.find((f) => !f.match || f.match.test(line));
    if (fault) {
      fault.times -= 1;
      if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
      if (fault.status === 429) {
        const policy = fault.policy ?? 'SECONDLY';
        const message =
          policy === 'SECONDLY'
            ? 'You have reached your secondly limit.'
            : policy === 'DAILY'
              ? 'You have reached your daily limit.'
              : 'You have reached your ten_secondly_rolling limit.';
        res
          .status(429)
          .set('Retry-After', policy === 'TEN_SECONDLY_ROLLING' ? '10' : '1')
          .json({ status: 'error', message, errorType: 'RATE_LIMIT', correlationId: 'fake', policyName: policy });
        return;
      }
      res.status(fault.status).json({ status: 'error', message: 'internal error', correlationId: 'fake' });
      return;
    }
    if (req.headers.authorization !== `Bearer ${token}`) {
      res.status(401).json({
        status: 'error',
        message: 'Authentication credentials not found. This API supports OAuth 2.0 authentication.',
        category: 'INVALID_AUTHENTICATION',
        correlationId: 'fake',
      });
      return;
    }
    next();
  });

  const notFound = (res: Response, what = 'Object not found.') =>
    res.status(404).json({ status: 'error', message: what, category: 'OBJECT_NOT_FOUND', correlationId: 'fake' });

  const listOf = (value: unknown): string[] => {
    if (value === undefined) return [];
    const items = Array.isArray(value) ? value : [value];
    return items.flatMap((v) => String(v).split(',')).filter(Boolean);
  };

  const view = (object: FakeObject, wanted: string[]) => {
    const names = wanted.length > 0 ? wanted : ['hs_object_id', 'createdate', 'hs_lastmodifieddate'];
    const props: Record<string, string | null> = {};
    for (const name of names) props[name] = object.properties[name] ?? null;
    return {
      id: object.id,
      properties: props,
      createdAt: object.createdAt,
      updatedAt: object.updatedAt,
      archived: false,
    };
  };

  const typeOf = (req: Request): ObjectType | undefined => SINGULAR[String(req.params.objectType)];

  app.get('/account-info/v3/details', (_req, res) => {
    res.json({
      portalId,
      accountType: 'STANDARD',
      timeZone: 'Europe/London',
      companyCurrency: 'EUR',
      additionalCurrencies: [],
      utcOffset: '+00:00',
      utcOffsetMilliseconds: 0,
      uiDomain: options.uiDomain ?? 'app.hubspot.com',
      dataHostingLocation: 'na1',
    });
  });

  const compare = (
    actual: string | null | undefined,
    operator: string,
    value: string | undefined,
    values?: string[],
  ) => {
    const asNumber = (text: string) => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Date.parse(text));
    switch (operator) {
      case 'EQ':
        return actual === value;
      case 'NEQ':
        return actual !== value;
      case 'IN':
        return actual !== null && actual !== undefined && (values ?? []).includes(actual);
      case 'NOT_IN':
        return actual === null || actual === undefined || !(values ?? []).includes(actual);
      case 'HAS_PROPERTY':
        return actual !== null && actual !== undefined && actual !== '';
      case 'NOT_HAS_PROPERTY':
        return actual === null || actual === undefined || actual === '';
      case 'GT':
      case 'GTE':
      case 'LT':
      case 'LTE': {
        if (actual === null || actual === undefined || value === undefined) return false;
        const a = asNumber(actual);
        const b = asNumber(value);
        if (operator === 'GT') return a > b;
        if (operator === 'GTE') return a >= b;
        if (operator === 'LT') return a < b;
        return a <= b;
      }
      default:
        throw new Error(`fake HubSpot: search operator ${operator} is not implemented`);
    }
  };

  app.post('/crm/v3/objects/:objectType/search', (req, res) => {
    const type = typeOf(req);
    if (!type) return notFound(res);
    const body = req.body as {
      filterGroups?: { filters: { propertyName: string; operator: string; value?: string; values?: string[] }[] }[];
      properties?: string[];
      limit?: number;
      after?: string;
    };
    const groupsOf = body.filterGroups ?? [];
    const matching = [...store[type].values()]
      .filter((o) => !o.archived)
      .filter(
        (o) =>
          groupsOf.length === 0 ||
          groupsOf.some((g) =>
            g.filters.every((f) => compare(o.properties[f.propertyName], f.operator, f.value, f.values)),
          ),
      )
      .sort((a, b) => Number(a.id) - Number(b.id));
    const start = Number(body.after ?? 0);
    const limit = Math.min(body.limit ?? 10, 200);
    const page = matching.slice(start, start + limit);
    const next = start + limit < matching.length ? { next: { after: String(start + limit) } } : undefined;
    res.json({ total: matching.length, results: page.map((o) => view(o, body.properties ?? [])), paging: next });
  });

  app.post('/crm/v3/objects/:objectType/batch/read', (req, res) => {
    const type = typeOf(req);
    if (!type) return notFound(res);
    const body = req.body as { inputs: { id: string }[]; properties?: string[] };
    const found = body.inputs.map((i) => store[type].get(String(i.id))).filter((o) => o && !o.archived);
    const missing = body.inputs
      .map((i) => String(i.id))
      .filter((id) => {
        const object = store[type].get(id);
        return !object || object.archived;
      });
    const now = new Date(clock).toISOString();
    const answer = {
      status: 'COMPLETE',
      results: found.map((o) => view(o!, body.properties ?? [])),
      startedAt: now,
      completedAt: now,
    };
    if (missing.length === 0) return res.json(answer);
    return res.status(207).json({
      ...answer,
      numErrors: 1,
      errors: [
        {
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          message: 'Could not get some CONTACT objects, they may be deleted or not exist.',
          context: { ids: missing },
        },
      ],
    });
  });

  app.get('/crm/v3/objects/:objectType/:id', (req, res) => {
    const type = typeOf(req);
    const object = type ? store[type].get(String(req.params.id)) : undefined;
    if (!object || object.archived) return notFound(res);
    res.json(view(object, listOf(req.query.properties)));
  });

  app.post('/crm/v3/objects/:objectType', (req, res) => {
    const type = typeOf(req);
    if (!type) return notFound(res);
    const body = req.body as {
      properties: Record<string, string>;
      associations?: { to: { id: string }; types: { associationCategory: string; associationTypeId: number }[] }[];
    };
    const created = newObject(type, body.properties ?? {});
    for (const link of body.associations ?? []) {
      const targetType = OBJECT_TYPES.find((t) => t !== type && store[t].has(String(link.to.id)));
      if (targetType) associate({ type, id: created.id }, { type: targetType, id: String(link.to.id) });
    }
    res.status(201).json(view(created, Object.keys(created.properties)));
  });

  app.patch('/crm/v3/objects/:objectType/:id', (req, res) => {
    const type = typeOf(req);
    const object = type ? store[type].get(String(req.params.id)) : undefined;
    if (!type || !object || object.archived) return notFound(res);
    const body = req.body as { properties: Record<string, string> };
    const unknown = Object.keys(body.properties ?? {}).filter(
      (name) => !(properties.get(type) ?? []).some((p) => p.name === name) && !(name in object.properties),
    );
    if (unknown.length > 0) {
      res.status(400).json({
        status: 'error',
        message: `Property values were not valid: ${unknown.map((n) => `Property "${n}" does not exist`).join(', ')}`,
        category: 'VALIDATION_ERROR',
        correlationId: 'fake',
      });
      return;
    }
    const updated = update(type, object.id, body.properties ?? {});
    res.json(view(updated, Object.keys(updated.properties)));
  });

  app.get('/crm/v4/objects/:objectType/:id/associations/:toType', (req, res) => {
    const from = typeOf(req);
    const to = SINGULAR[String(req.params.toType)];
    if (!from || !to) return notFound(res);
    const rows = associations.filter(
      (r) => r.fromType === from && r.fromId === String(req.params.id) && r.toType === to,
    );
    const start = Number(req.query.after ?? 0);
    const limit = Math.min(Number(req.query.limit ?? 500), 500);
    const page = rows.slice(start, start + limit);
    res.json({
      results: page.map((r) => ({ toObjectId: Number(r.toId), associationTypes: r.types })),
      paging: start + limit < rows.length ? { next: { after: String(start + limit) } } : undefined,
    });
  });

  app.put('/crm/v4/objects/:objectType/:id/associations/default/:toType/:toId', (req, res) => {
    const from = typeOf(req);
    const to = SINGULAR[String(req.params.toType)];
    if (!from || !to || !store[from].has(String(req.params.id)) || !store[to].has(String(req.params.toId)))
      return notFound(res);
    associate({ type: from, id: String(req.params.id) }, { type: to, id: String(req.params.toId) });
    res.json({
      status: 'COMPLETE',
      results: [],
      startedAt: new Date(clock).toISOString(),
      completedAt: new Date(clock).toISOString(),
    });
  });

  app.get('/crm/v3/owners/:ownerId', (req, res) => {
    const owner = owners.get(String(req.params.ownerId));
    if (!owner) return notFound(res, 'Owner not found');
    res.json(ownerView(owner));
  });

  app.get(['/crm/v3/owners', '/crm/v3/owners/'], (req, res) => {
    const email = typeof req.query.email === 'string' ? req.query.email : undefined;
    const list = [...owners.values()].filter((o) => !email || o.email === email);
    res.json({ results: list.map(ownerView) });
  });

  const ownerView = (o: FakeOwner) => ({
    id: o.id,
    email: o.email,
    firstName: o.firstName,
    lastName: o.lastName,
    userId: o.userId,
    type: 'PERSON',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    archived: false,
  });

  const pipelineView = (p: FakePipeline, i: number) => ({
    id: p.id,
    label: p.label,
    displayOrder: i,
    archived: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    stages: p.stages.map((s, j) => ({
      id: s.id,
      label: s.label,
      displayOrder: j,
      archived: false,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
      writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
      metadata: {
        isClosed: String(s.isClosed ?? false),
        ...(s.probability === undefined ? {} : { probability: s.probability.toFixed(1) }),
      },
    })),
  });

  app.get('/crm/v3/pipelines/:objectType', (req, res) => {
    if (SINGULAR[String(req.params.objectType)] !== 'deals') return res.json({ results: [] });
    res.json({ results: pipelines.map(pipelineView) });
  });

  app.get('/crm/v3/properties/:objectType/groups', (req, res) => {
    res.json({ results: groups.get(String(req.params.objectType)) ?? [] });
  });

  app.post('/crm/v3/properties/:objectType/groups', (req, res) => {
    const list = groups.get(String(req.params.objectType)) ?? [];
    const body = req.body as { name: string; label: string; displayOrder?: number };
    if (list.some((g) => g.name === body.name)) {
      res.status(409).json({
        status: 'error',
        message: `A property group named ${body.name} already exists.`,
        category: 'CONFLICT',
      });
      return;
    }
    const group = { name: body.name, label: body.label, displayOrder: body.displayOrder ?? -1, archived: false };
    groups.set(String(req.params.objectType), [...list, group]);
    res.status(201).json(group);
  });

  const propertyView = (p: FakeProperty) => ({
    options: [],
    hidden: false,
    formField: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...p,
  });

  app.get('/crm/v3/properties/:objectType', (req, res) => {
    res.json({ results: (properties.get(String(req.params.objectType)) ?? []).map(propertyView) });
  });

  app.get('/crm/v3/properties/:objectType/:name', (req, res) => {
    const found = (properties.get(String(req.params.objectType)) ?? []).find((p) => p.name === req.params.name);
    if (!found) return notFound(res, `Unable to find property ${String(req.params.name)}`);
    res.json(propertyView(found));
  });

  app.post('/crm/v3/properties/:objectType', (req, res) => {
    const type = String(req.params.objectType);
    const list = properties.get(type) ?? [];
    const body = req.body as FakeProperty;
    if (
      !(groups.get(type) ?? []).some((g) => g.name === body.groupName) &&
      body.groupName !== `${type.slice(0, -1)}information`
    ) {
      res.status(400).json({
        status: 'error',
        message: `Property group ${body.groupName} does not exist`,
        category: 'VALIDATION_ERROR',
      });
      return;
    }
    if (list.some((p) => p.name === body.name)) {
      res.status(409).json({
        status: 'error',
        message: `Property named '${body.name}' already exists.`,
        category: 'OBJECT_ALREADY_EXISTS',
      });
      return;
    }
    properties.set(type, [...list, body]);
    res.status(201).json(propertyView(body));
  });

  app.use((_req, res) => notFound(res, 'fake HubSpot: route not implemented'));

  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const must = (type: ObjectType, id: string) => {
    const object = store[type].get(id);
    if (!object) throw new Error(`fake HubSpot: no ${type} ${id}`);
    return object;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    portalId,
    calls,
    callsTo: (pattern) => calls.filter((c) => pattern.test(`${c.method} ${c.path}`)),
    failNext: (plan) => void faults.push({ ...plan, times: plan.times ?? 1 }),
    clearFaults: () => void faults.splice(0),
    reset: () => {
      for (const type of OBJECT_TYPES) store[type].clear();
      owners.clear();
      associations = [];
      pipelines = [DEFAULT_PIPELINE];
      properties.clear();
      groups.clear();
      calls.length = 0;
      faults.splice(0);
    },
    clockNow: () => new Date(clock),
    addDeal: (props, id) => newObject('deals', props, id),
    updateDeal: (id, props) => update('deals', id, props),
    addCompany: (props, id) => newObject('companies', props, id),
    updateCompany: (id, props) => update('companies', id, props),
    addContact: (props, id) => newObject('contacts', props, id),
    updateContact: (id, props) => update('contacts', id, props),
    deleteContact: (id) => {
      must('contacts', id).archived = true;
      associations = associations.filter(
        (r) => !(r.fromType === 'contacts' && r.fromId === id) && !(r.toType === 'contacts' && r.toId === id),
      );
    },
    object: (type, id) => store[type].get(id),
    objects: (type) => [...store[type].values()],
    addOwner: (owner) => {
      const made = { userId: Number(owner.id) + 1, ...owner };
      owners.set(owner.id, made);
      return made;
    },
    associate,
    unassociate: (from, to) => {
      associations = associations.filter(
        (r) =>
          !(r.fromType === from.type && r.fromId === from.id && r.toType === to.type && r.toId === to.id) &&
          !(r.fromType === to.type && r.fromId === to.id && r.toType === from.type && r.toId === from.id),
      );
    },
    setPipelines: (next) => void (pipelines = next),
    properties: (objectType) => properties.get(objectType) ?? [],
    propertyGroups: (objectType) => groups.get(objectType) ?? [],
    notesOn: (type, id) =>
      associations
        .filter((r) => r.fromType === type && r.fromId === id && r.toType === 'notes')
        .map((r) => must('notes', r.toId)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
