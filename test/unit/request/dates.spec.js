'use strict';
const assert = require('assert');
const { execFileSync } = require('child_process');
const { parseDateInput, formatDateParam, rfc2822ToIso, tryRfc2822ToIso, convertRecordDates } = require('../../../dist/nodes/request/dates');
const { loadCatalog } = require('../../../dist/nodes/catalog/catalog');

const NOW = new Date('2024-05-15T13:45:10.123Z');
const ACCEPTED =
  'expected YYYY-MM-DD, YYYY-MM-DD HH:MM:SS, ISO 8601 (GMT when no zone is given), RFC 2822, epoch milliseconds, ' +
  'a JS Date, or now, today, yesterday, tomorrow, -7d, +3d, -30days, -2w';

describe(`lib/dates (TZ=${process.env.TZ || 'machine default'})`, function () {
  describe('parseDateInput', function () {
    const cases = [
      ['2024-05-01 10:20:30', '2024-05-01T10:20:30.000Z'],
      ['2024-05-01 10:20', '2024-05-01T10:20:00.000Z'],
      ['2024-05-01', '2024-05-01T00:00:00.000Z'],
      ['  2024-05-01  ', '2024-05-01T00:00:00.000Z'],
      ['2024-05-01T10:20:30', '2024-05-01T10:20:30.000Z'],
      ['2024-05-01T10:20:30Z', '2024-05-01T10:20:30.000Z'],
      ['2024-05-01T10:20:30.5Z', '2024-05-01T10:20:30.500Z'],
      ['2024-05-01T10:20:30-07:00', '2024-05-01T17:20:30.000Z'],
      ['2024-05-01T10:20:30+0530', '2024-05-01T04:50:30.000Z'],
      ['2024-05-01 23:59:59 +02:00', '2024-05-01T21:59:59.000Z'],
      ['2024-02-29', '2024-02-29T00:00:00.000Z'],
      ['Mon, 17 Sep 2012 01:13:42 +0000', '2012-09-17T01:13:42.000Z'],
      ['17 Sep 2012 01:13:42 GMT', '2012-09-17T01:13:42.000Z'],
      ['Fri, 7 Sep 2012 01:13:42 -0130', '2012-09-07T02:43:42.000Z'],
      ['1714557630000', '2024-05-01T10:00:30.000Z'],
      [1714557630000, '2024-05-01T10:00:30.000Z'],
      [0, '1970-01-01T00:00:00.000Z'],
      [new Date('2024-05-01T10:00:30.000Z'), '2024-05-01T10:00:30.000Z'],
      ['now', '2024-05-15T13:45:10.123Z'],
      ['today', '2024-05-15T00:00:00.000Z'],
      ['TODAY', '2024-05-15T00:00:00.000Z'],
      ['yesterday', '2024-05-14T00:00:00.000Z'],
      ['tomorrow', '2024-05-16T00:00:00.000Z'],
      ['-7d', '2024-05-08T00:00:00.000Z'],
      ['+3d', '2024-05-18T00:00:00.000Z'],
      ['-30days', '2024-04-15T00:00:00.000Z'],
      ['-1day', '2024-05-14T00:00:00.000Z'],
      ['-2w', '2024-05-01T00:00:00.000Z'],
      ['+1week', '2024-05-22T00:00:00.000Z'],
    ];
    for (const [input, expected] of cases) {
      it(`${JSON.stringify(input)} → ${expected}`, function () {
        assert.strictEqual(parseDateInput(input, NOW).toISOString(), expected);
      });
    }

    const bad = [
      ['2024-02-30', '"2024-02-30"'],
      ['2023-02-29', '"2023-02-29"'],
      ['2024-13-01', '"2024-13-01"'],
      ['2024-05-01 25:00:00', '"2024-05-01 25:00:00"'],
      ['20240501', '"20240501"'],
      ['next tuesday', '"next tuesday"'],
      ['', '""'],
      ['-7x', '"-7x"'],
      ['Mon, 17 Foo 2012 01:13:42 +0000', '"Mon, 17 Foo 2012 01:13:42 +0000"'],
      [NaN, 'NaN'],
      [null, 'null'],
      [undefined, 'nothing'],
      [true, 'true'],
      [{}, 'an object'],
      [new Date('x'), 'an invalid Date'],
    ];
    for (const [input, shown] of bad) {
      it(`refuses ${shown} naming it and the accepted forms`, function () {
        assert.throws(() => parseDateInput(input, NOW), (err) => {
          assert.strictEqual(err.name, 'TwilioNodeError');
          assert.strictEqual(err.code, 'INVALID_DATE');
          assert.strictEqual(err.message, `${shown} is not a date; ${ACCEPTED}`);
          return true;
        });
      });
    }
  });

  describe('formatDateParam', function () {
    const cases = [
      ['2024-05-01', 'date', {}, '2024-05-01'],
      ['2024-05-01T00:00:00Z', 'date', {}, '2024-05-01'],
      ['2024-05-01T23:30:00-07:00', 'date', {}, '2024-05-02', 1],
      ['1714557630000', 'date', {}, '2024-05-01', 1],
      ['today', 'date', {}, '2024-05-15'],
      ['2024-05-01 10:20:30', 'date-time', {}, '2024-05-01T10:20:30Z'],
      ['2024-05-01 10:20:30.999', 'date-time', {}, '2024-05-01T10:20:30Z'],
      ['2024-05-01 10:20:30', 'date-time', { op: 'before' }, '2024-05-01T10:20:30Z'],
      ['2024-05-01 10:20:30', 'date-time', { op: 'after' }, '2024-05-01T10:20:30Z'],
      ['2024-05-01 10:20:30', 'date-time', { op: 'on' }, '2024-05-01T00:00:00Z'],
      ['Mon, 17 Sep 2012 01:13:42 +0000', 'date-time', {}, '2012-09-17T01:13:42Z'],
      ['-30days', 'date', { allowRelative: true }, '-30days'],
      ['+30days', 'date', { allowRelative: true }, '+30days'],
      ['-30days', 'date', {}, '2024-04-15'],
      ['-7d', 'date', { allowRelative: true }, '2024-05-08'],
      [new Date('2024-05-01T00:00:00Z'), undefined, {}, '2024-05-01T00:00:00Z'],
    ];
    for (const [input, format, opts, expected, warns = 0] of cases) {
      it(`${JSON.stringify(input)} as ${format} ${JSON.stringify(opts)} → ${expected}${warns ? ' (time dropped)' : ''}`, function () {
        const warnings = [];
        const out = formatDateParam(input, format, { now: NOW, warnDroppedTime: (t) => warnings.push(t), ...opts });
        assert.strictEqual(out, expected);
        assert.strictEqual(warnings.length, warns);
      });
    }

    it('warns when a date parameter drops a time of day', function () {
      const warnings = [];
      const out = formatDateParam('2024-05-01 10:20:30', 'date', {
        warnDroppedTime: (t) => warnings.push(t),
        subject: 'Filter "EndDate" of Query Usage Record',
      });
      assert.strictEqual(out, '2024-05-01');
      assert.deepStrictEqual(warnings, [
        'Filter "EndDate" of Query Usage Record takes a date only (YYYY-MM-DD, GMT): the time of day of "2024-05-01 10:20:30" was dropped and 2024-05-01 sent',
      ]);
    });

    it('names the subject in an invalid-date error', function () {
      assert.throws(
        () => formatDateParam('soon', 'date-time', { subject: 'Parameter "SendAt" of Create Message' }),
        { code: 'INVALID_DATE', message: `Parameter "SendAt" of Create Message: "soon" is not a date; ${ACCEPTED}` },
      );
    });
  });

  describe('rfc2822ToIso and convertRecordDates', function () {
    const cases = [
      ['Mon, 17 Sep 2012 01:13:42 +0000', '2012-09-17T01:13:42Z'],
      ['Fri, 13 Aug 2010 01:16:24 +0000', '2010-08-13T01:16:24Z'],
      ['Sun, 03 Mar 2024 00:00:00 +0000', '2024-03-03T00:00:00Z'],
      ['Sun, 3 Mar 2024 00:00:00 +0000', '2024-03-03T00:00:00Z'],
      ['Mon, 17 Sep 2012 01:13:42 +0200', '2012-09-16T23:13:42Z'],
      ['Mon, 17 Sep 2012 01:13:42 GMT', '2012-09-17T01:13:42Z'],
      ['Mon, 31 Dec 2012 23:59:59 -0100', '2013-01-01T00:59:59Z'],
    ];
    for (const [input, expected] of cases) {
      it(`${input} → ${expected}`, function () {
        assert.strictEqual(rfc2822ToIso(input), expected);
      });
    }

    it('refuses what is not RFC 2822', function () {
      assert.throws(() => rfc2822ToIso('2012-09-17'), { code: 'INVALID_DATE' });
      assert.strictEqual(tryRfc2822ToIso('yesterday'), undefined);
    });

    it('converts every date-time-rfc-2822 field, keeps nulls, other fields and unparseable values', function () {
      const schema = loadCatalog().schemas['api.v2010.account.message'];
      const record = {
        sid: 'SM00000000000000000000000000000000',
        body: 'Mon, 17 Sep 2012 01:13:42 +0000',
        date_created: 'Mon, 17 Sep 2012 01:13:42 +0000',
        date_updated: 'Tue, 18 Sep 2012 01:13:42 +0000',
        date_sent: null,
      };
      const copy = JSON.parse(JSON.stringify(record));
      assert.deepStrictEqual(convertRecordDates(record, schema), {
        sid: 'SM00000000000000000000000000000000',
        body: 'Mon, 17 Sep 2012 01:13:42 +0000',
        date_created: '2012-09-17T01:13:42Z',
        date_updated: '2012-09-18T01:13:42Z',
        date_sent: null,
      });
      assert.deepStrictEqual(record, copy, 'the input record is not changed');
      assert.strictEqual(convertRecordDates({ date_created: 'garbage' }, schema).date_created, 'garbage');
    });
  });

  if (!process.env.DATES_SPEC_CHILD) {
    it('passes the same tests under TZ=America/Los_Angeles', function () {
      this.timeout(60000);
      const mocha = require.resolve('mocha/bin/mocha.js');
      execFileSync(process.execPath, [mocha, '--no-config', '--reporter', 'dot', __filename], {
        env: { ...process.env, TZ: 'America/Los_Angeles', DATES_SPEC_CHILD: '1' },
        stdio: 'pipe',
      });
      const tz = execFileSync(process.execPath, ['-e', 'process.stdout.write(String(new Date(2024,0,1).getTimezoneOffset()))'], {
        env: { ...process.env, TZ: 'America/Los_Angeles' },
      }).toString();
      assert.strictEqual(tz, '480', 'the child really ran 8 hours west of GMT');
    });
  }
});
