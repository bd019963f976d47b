import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { signatureMatchesPasted } from '../failure-cause/signature';

interface Known {
  id: string;
  signature: string;
  lower: string;
  /** Each line's text before its first `<test>` and after its last: a pasted line must start and end so. */
  ends: { head: string; tail: string }[];
}

/** Rows read per query while catching up. */
const PAGE = 5000;

function endsOf(signature: string): Known['ends'] {
  return signature.split('\n').map((line) => {
    const parts = line.split('<test>');
    return { head: parts[0], tail: parts.length > 1 ? parts[parts.length - 1] : '' };
  });
}

/**
 * Every signature's text in memory, for searches a database index cannot answer: a pasted line
 * (where a stored `<test>` matches any name) and text anywhere within a signature. Signatures never
 * change once written, so the index only reads the rows added since it last looked (by their seq).
 * A signature purged since stays here; searches count occurrences in the database, which has none.
 */
@Injectable()
export class SignatureIndex {
  private readonly known: Known[] = [];
  private lastSeq = 0;
  private catchingUp: Promise<void> | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private async catchUp(): Promise<void> {
    for (;;) {
      const rows: { seq: number | string; id: string; signature: string }[] = await this.dataSource.query(
        `SELECT seq, id, signature FROM failure_signatures WHERE seq > ? ORDER BY seq LIMIT ${PAGE}`,
        [this.lastSeq],
      );
      for (const r of rows)
        this.known.push({ id: r.id, signature: r.signature, lower: r.signature.toLowerCase(), ends: endsOf(r.signature) });
      if (rows.length > 0) this.lastSeq = Number(rows[rows.length - 1].seq);
      if (rows.length < PAGE) return;
    }
  }

  /** Reads what was added since; callers at once share one read. */
  private fresh(): Promise<void> {
    this.catchingUp ??= this.catchUp().finally(() => (this.catchingUp = null));
    return this.catchingUp;
  }

  /** The ids of the signatures holding a masked pasted text (maskPastedLine's), `<test>` matching any name. */
  async matchingPasted(masked: string): Promise<string[]> {
    await this.fresh();
    const first = masked.split('\n')[0];
    return this.known
      .filter((k) => k.ends.some((e) => first.startsWith(e.head) && first.endsWith(e.tail)) && signatureMatchesPasted(k.signature, masked))
      .map((k) => k.id);
  }

  /** The ids of the signatures containing `text`, case-insensitively. */
  async containing(text: string): Promise<string[]> {
    await this.fresh();
    const lower = text.toLowerCase();
    return this.known.filter((k) => k.lower.includes(lower)).map((k) => k.id);
  }
}
