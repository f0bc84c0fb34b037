import pg from 'pg';
import { openEmbeddedDatabase, type EmbeddedDatabase } from '../../../src/db/embedded';

// Thread holds one connection to the embedded database and the admin CLI may open another at the same time:
// their statements must never mix (the extended protocol sends each query as several messages).
describe('the embedded database served to several connections', () => {
  let embedded: EmbeddedDatabase;
  beforeAll(async () => {
    embedded = await openEmbeddedDatabase('memory://');
  });
  afterAll(async () => {
    await embedded.stop();
  });

  it('answers every client its own query, however their messages interleave', async () => {
    const clients = await Promise.all(
      [1, 2, 3].map(async () => {
        const client = new pg.Client(embedded.connection);
        await client.connect();
        return client;
      }),
    );
    try {
      const mismatches: string[] = [];
      await Promise.all(
        clients.map(async (client, c) => {
          for (let i = 0; i < 150; i++) {
            const sql =
              c === 0
                ? 'SELECT $1::int + 0 AS v'
                : c === 1
                  ? 'SELECT $1::int * 1 AS v, 2 AS w'
                  : 'SELECT ($1::int)::text AS v';
            const { rows } = await client.query(sql, [c * 1000 + i]);
            if (Number(rows[0].v) !== c * 1000 + i)
              mismatches.push(`client ${c} asked ${c * 1000 + i}, got ${rows[0].v}`);
          }
        }),
      );
      expect(mismatches).toEqual([]);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });

  it('keeps a transaction to the connection that opened it', async () => {
    const a = new pg.Client(embedded.connection);
    const b = new pg.Client(embedded.connection);
    await a.connect();
    await b.connect();
    try {
      await a.query('CREATE TABLE IF NOT EXISTS tx_probe (id int primary key)');
      await a.query('BEGIN');
      await a.query('INSERT INTO tx_probe VALUES (1)');
      // b's read must not run inside a's open transaction (it would see the uncommitted row).
      const seenByB = b.query('SELECT count(*)::int AS n FROM tx_probe');
      await new Promise((r) => setTimeout(r, 50));
      await a.query('ROLLBACK');
      expect((await seenByB).rows[0].n).toBe(0);
    } finally {
      await a.end();
      await b.end();
    }
  });
});
