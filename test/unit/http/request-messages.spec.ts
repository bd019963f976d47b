import { BadRequestException, Type } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';
import { createValidationPipe } from '../../../src/http/validation.pipe';
import { ListRequestDto } from '../../../src/jobs/dto/list-request.dto';
import { ScrapeRequestDto } from '../../../src/scrape/dto/scrape-request.dto';
import { UuidQueryDto } from '../../../src/scrape/dto/uuid-query.dto';

const pipe = createValidationPipe();
const UUID = 'f223e63b-6ac0-4236-9c1c-4dec769310aa';
const URL_OK = 'http://logs.openstack.org/26/271726/2/check/gate-stackviz-pep8/7c374a7/';

/** The 400's message for `body` against `dto`, or null when the body is accepted. */
async function messageFor(dto: Type<unknown>, body: unknown): Promise<string | null> {
  try {
    await pipe.transform(body, { type: 'body', metatype: dto });
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(BadRequestException);
    const message = (err as BadRequestException).getResponse() as { message: unknown };
    expect(typeof message.message).toBe('string');
    return message.message as string;
  }
}

describe('request validation messages: one sentence per field, joined with "; "', () => {
  const LIST_FORMS = 'a change number (271726), change,patchset (271726,2), or a Gerrit, Zuul or log URL';

  it.each([
    [`q is required: ${LIST_FORMS}`, {}],
    [`q is required: ${LIST_FORMS}`, { q: '' }],
    [`q is required: ${LIST_FORMS}`, { q: '   ' }],
    [`q is required: ${LIST_FORMS}`, { q: null }],
    [`q must be a string or a number: ${LIST_FORMS}`, { q: true }],
    [`q must be a string or a number: ${LIST_FORMS}`, { q: ['271726'] }],
    [`q must be a string or a number: ${LIST_FORMS}`, { q: { change: 1 } }],
    ['q must be at most 2048 characters', { q: 'x'.repeat(2049) }],
    [`q is required: ${LIST_FORMS}`, []],
  ])('/list → %s', async (message, body) => {
    expect(await messageFor(ListRequestDto, body)).toBe(message);
  });

  it('/list takes q as a string or a number', async () => {
    expect(await messageFor(ListRequestDto, { q: '271726,2' })).toBeNull();
    expect(await messageFor(ListRequestDto, { q: 271726 })).toBeNull();
  });

  const TASK = `a task uuid such as ${UUID} (sent as q, uuid or id)`;
  it.each([
    [`q is required: ${TASK}`, {}],
    [`q is required: ${TASK}`, { q: '' }],
    [`q must be a string: ${TASK}`, { q: 12 }],
    [`q must be a string: ${TASK}`, { q: [UUID] }],
    [`q must be ${TASK}`, { q: 'nope' }],
    [`q must be ${TASK}`, { q: UUID + 'x'.repeat(5000) }],
    [`q must be ${TASK}`, { q: UUID.replace(/-/g, '') }],
    [`q must be ${TASK}`, { id: 'nope' }],
    [`q must be a string: ${TASK}`, { uuid: 12 }],
    [`q is required: ${TASK}`, { q: '', uuid: ' ', id: null }],
  ])('/status and /task → %s', async (message, body) => {
    expect(await messageFor(UuidQueryDto, body)).toBe(message);
  });

  it('/status and /task take a uuid in any case, with spaces around', async () => {
    expect(await messageFor(UuidQueryDto, { q: ` ${UUID.toUpperCase()} ` })).toBeNull();
  });

  it.each([[{ id: ` ${UUID.toUpperCase()} ` }], [{ uuid: UUID }], [{ q: '', id: UUID }], [{ q: UUID, id: 'nope' }]])(
    '/status and /task take the uuid as uuid or id too, q first: %j',
    async (body) => {
      const dto = (await pipe.transform(body, { type: 'body', metatype: UuidQueryDto })) as Record<string, unknown>;
      expect(dto).toEqual({ q: UUID });
    },
  );

  const LOG_URL = 'an http(s) URL of a job log directory';
  it.each([
    [`url is required: ${LOG_URL}`, {}],
    [`url is required: ${LOG_URL}`, { url: null }],
    [`url is required: ${LOG_URL}`, { url: '' }],
    [`url must be a string: ${LOG_URL}`, { url: 42 }],
    ['url must be at most 2048 characters', { url: 'http://logs.openstack.org/' + 'x'.repeat(2048) }],
    ['url must be at most 2048 characters once percent-encoded', { url: 'http://logs.openstack.org/' + 'é'.repeat(1000) }],
    [`url must be ${LOG_URL}`, { url: 'ftp://logs.openstack.org/x/' }],
    [`url must be ${LOG_URL}`, { url: 'javascript:alert(1)' }],
    [`url must be ${LOG_URL}`, { url: 'http://' }],
    [`url must be ${LOG_URL}`, { url: 'logs.openstack.org/26/271726/' }],
    ['url must not carry a user name or password', { url: 'http://user:secret@logs.openstack.org/x/' }],
    ['change_id must be a whole number or null; revision must be a whole number or null', { url: URL_OK, change_id: 'abc', revision: 2.5 }],
    ['change_id must be between 0 and 2147483647', { url: URL_OK, change_id: 2 ** 31 }],
    ['change_project must be a string or null', { url: URL_OK, change_project: 7 }],
    ['change_project must be at most 255 characters', { url: URL_OK, change_project: 'p'.repeat(256) }],
    ['voting must be true or false; duration must be a number or null', { url: URL_OK, voting: 'yes', duration: '12' }],
    [`url must be ${LOG_URL}; status must be a string or null`, { url: 'nope', status: ['SUCCESS'] }],
  ])('/scrape → %s', async (message, body) => {
    expect(await messageFor(ScrapeRequestDto, body)).toBe(message);
  });

  it('/scrape takes a whole /list entry and drops unknown fields', async () => {
    const entry = {
      change_id: 271726,
      change_project: 'openstack/stackviz',
      change_subject: 'Add a thing',
      ci_username: 'jenkins',
      name: 'gate-stackviz-pep8',
      pipeline: 'check',
      revision: 2,
      status: 'SUCCESS',
      url: ` ${URL_OK} `,
      build_uuid: null,
      voting: true,
      duration: 62.5,
      finished_at: null,
      scrapable: true,
      unscrapable_reason: null,
      error_detail: null,
      extra: 'x',
    };
    const dto = (await pipe.transform(entry, { type: 'body', metatype: ScrapeRequestDto })) as Record<string, unknown>;
    expect(dto.url).toBe(URL_OK);
    expect(dto).not.toHaveProperty('extra');
    expect(dto).not.toHaveProperty('scrapable');
  });

  it('says a sentence once when several constraints of a field share it', async () => {
    const message = 'builds must be a whole number from 1 to 50';
    class Dto {
      @IsInt({ message }) @Min(1, { message }) @Max(50, { message }) builds: number;
    }
    expect(await messageFor(Dto, { builds: 'many' })).toBe(message);
  });
});
