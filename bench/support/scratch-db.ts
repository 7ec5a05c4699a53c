import pg from 'pg';

export type ScratchDatabase = { url: string; drop(): Promise<void> };

/**
 * A fresh database next to BENCH_DATABASE_URL (its role needs CREATEDB), dropped afterwards, so
 * every bench starts from empty and can be run again.
 */
export async function scratchPostgres(baseUrl: string, label: string): Promise<ScratchDatabase> {
  const name = `uplift_bench_${label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
