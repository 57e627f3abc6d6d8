// Tests for the `datetime` module. Every expected output below is what CPython 3.11 prints for the
// same Python source: `python3 Tests/PlaybooksLanguageTests/Oracles/datetime_oracle.py` runs them
// all and compares (`--write` writes them).
import Foundation
import Testing

@testable import PlaybooksLanguage

struct DatetimeCase: Sendable, CustomTestStringConvertible {
    let name: String
    let source: String
    let expected: String
    /// The last stderr line CPython printed, for a script that ends in an uncaught exception.
    let expectedError: String?
    var testDescription: String { name }
}

private func runScript(_ source: String, checkpointEveryAwait: Bool = false) -> (String, ScriptRunner.Result) {
    var out = ""
    let result = ScriptRunner.run(source: source, filename: "case.py", checkpointEveryAwait: checkpointEveryAwait) { out += $0 }
    return (out, result)
}

let datetimeCases: [DatetimeCase] = [
    DatetimeCase(
        name: "c01_date",
        source: #"""
            from datetime import date, timedelta
            d = date(2024, 1, 31)
            print(d, repr(d), d.year, d.month, d.day, d.weekday(), d.isoweekday(), d.toordinal())
            print(d.replace(day=29), d.replace(year=2023, month=2, day=28), date.fromordinal(738886), date.fromisoformat("20240229"))
            print(d.strftime("%Y-%m-%d %H:%M:%S %y %A %a %B %b %j %U %W %p %I %f %% %Q %-d/%-m"))
            print(d.isocalendar(), d.isocalendar().week, tuple(date(2021, 1, 3).isocalendar()), date.fromisocalendar(2020, 53, 4))
            print(f"{d:%d.%m.%Y}", f"{d}", format(d, ""), d.ctime())
            print(date.min, date.max, date.resolution, d + timedelta(days=30), d - timedelta(hours=1), d + timedelta(hours=-1))
            print(date(2024, 3, 1) - date(2023, 3, 1), (date(2000, 1, 1) - date(2024, 1, 1)).days)

            """#,
        expected: #"""
            2024-01-31 datetime.date(2024, 1, 31) 2024 1 31 2 3 738916
            2024-01-29 2023-02-28 2024-01-01 2024-02-29
            2024-01-31 00:00:00 24 Wednesday Wed January Jan 031 04 05 AM 12 000000 % %Q 31/1
            datetime.IsoCalendarDate(year=2024, week=5, weekday=3) 5 (2020, 53, 7) 2020-12-31
            31.01.2024 2024-01-31 2024-01-31 Wed Jan 31 00:00:00 2024
            0001-01-01 9999-12-31 1 day, 0:00:00 2024-03-01 2024-01-31 2024-01-30
            366 days, 0:00:00 -8766

            """#,
        expectedError: nil
    ),
    DatetimeCase(
        name: "c02_timedelta",
        source: #"""
            from datetime import timedelta
            print(timedelta(hours=-1), repr(timedelta(hours=-1)), timedelta(0), repr(timedelta(0)), timedelta(seconds=1.5))
            td = timedelta(weeks=1, days=2, hours=3, minutes=4, seconds=5, milliseconds=6, microseconds=7)
            print(td, repr(td), td.days, td.seconds, td.microseconds, td.total_seconds())
            print(td + td, td - 2 * td, -td, abs(-td), +td, td * 3, 3 * td, td / 4, td // 4, 2.5 * timedelta(seconds=1))
            print(timedelta(days=1) / timedelta(hours=7), timedelta(days=1) // timedelta(hours=7), timedelta(days=1) % timedelta(hours=7), divmod(timedelta(hours=25), timedelta(hours=7)))
            print(timedelta(microseconds=3) / 2, timedelta(microseconds=5) / 2, timedelta(microseconds=-5) / 2, timedelta(microseconds=-5) // 2)
            print(timedelta(microseconds=1.5), timedelta(microseconds=2.5), timedelta(microseconds=-1.5), timedelta(minutes=1.5), timedelta(days=0.1, hours=0.3))
            print(bool(timedelta(0)), bool(timedelta(microseconds=1)), timedelta(1) == timedelta(hours=24), timedelta(1) < timedelta(hours=25), timedelta(hours=1) == 3600)
            print(sorted([timedelta(-1), timedelta(0), timedelta(hours=-1)]), sum([timedelta(1), timedelta(hours=2)], timedelta()))
            print(timedelta.max, timedelta.min, timedelta.resolution, str(timedelta(days=-3, hours=-4)), str(timedelta(days=1, microseconds=5)))
            checks = [
                ('timedelta(1) / 0', lambda: timedelta(1) / 0),
                ('timedelta(1) // timedelta(0)', lambda: timedelta(1) // timedelta(0)),
                ('timedelta(1) / timedelta(0)', lambda: timedelta(1) / timedelta(0)),
                ('timedelta.max + timedelta(1)', lambda: timedelta.max + timedelta(1)),
                ("timedelta('1')", lambda: timedelta('1')),
                ('timedelta(foo=1)', lambda: timedelta(foo=1)),
                ('timedelta(1) + 1', lambda: timedelta(1) + 1),
                ('timedelta(1) * timedelta(1)', lambda: timedelta(1) * timedelta(1)),
                ("timedelta(float('nan'))", lambda: timedelta(float('nan'))),
            ]
            for label, fn in checks:
                try:
                    print(fn())
                except Exception as e:
                    print(label, type(e).__name__, e)

            """#,
        expected: #"""
            -1 day, 23:00:00 datetime.timedelta(days=-1, seconds=82800) 0:00:00 datetime.timedelta(0) 0:00:01.500000
            9 days, 3:04:05.006007 datetime.timedelta(days=9, seconds=11045, microseconds=6007) 9 11045 6007 788645.006007
            18 days, 6:08:10.012014 -10 days, 20:55:54.993993 -10 days, 20:55:54.993993 9 days, 3:04:05.006007 9 days, 3:04:05.006007 27 days, 9:12:15.018021 27 days, 9:12:15.018021 2 days, 6:46:01.251502 2 days, 6:46:01.251501 0:00:02.500000
            3.4285714285714284 3 3:00:00 (3, datetime.timedelta(seconds=14400))
            0:00:00.000002 0:00:00.000002 -1 day, 23:59:59.999998 -1 day, 23:59:59.999997
            0:00:00.000002 0:00:00.000002 -1 day, 23:59:59.999998 0:01:30 2:42:00
            False True True True False
            [datetime.timedelta(days=-1), datetime.timedelta(days=-1, seconds=82800), datetime.timedelta(0)] 1 day, 2:00:00
            999999999 days, 23:59:59.999999 -999999999 days, 0:00:00 0:00:00.000001 -4 days, 20:00:00 1 day, 0:00:00.000005
            timedelta(1) / 0 ZeroDivisionError integer division or modulo by zero
            timedelta(1) // timedelta(0) ZeroDivisionError integer division or modulo by zero
            timedelta(1) / timedelta(0) ZeroDivisionError division by zero
            timedelta.max + timedelta(1) OverflowError days=1000000000; must have magnitude <= 999999999
            timedelta('1') TypeError unsupported type for timedelta days component: str
            timedelta(foo=1) TypeError 'foo' is an invalid keyword argument for __new__()
            timedelta(1) + 1 TypeError unsupported operand type(s) for +: 'datetime.timedelta' and 'int'
            timedelta(1) * timedelta(1) TypeError unsupported operand type(s) for *: 'datetime.timedelta' and 'datetime.timedelta'
            timedelta(float('nan')) ValueError cannot convert float NaN to integer

            """#,
        expectedError: nil
    ),
    DatetimeCase(
        name: "c03_datetime",
        source: #"""
            from datetime import date, datetime, time, timedelta
            dt = datetime(2024, 1, 31, 10, 0)
            print(dt, repr(dt), repr(datetime(2024, 1, 1, 0, 0, 5)), repr(datetime(2024, 1, 1, 0, 0, 0, 5)), datetime(2024, 1, 31, 10, 0, 0, 123000))
            print(dt.hour, dt.minute, dt.second, dt.microsecond, dt.tzinfo, dt.date(), dt.time(), repr(dt.time()), dt.weekday())
            print(dt.isoformat(), dt.isoformat(" "), dt.isoformat(timespec="minutes"), datetime(2024, 1, 1, 9, 5, 3, 120).isoformat(timespec="milliseconds"))
            print(datetime(year=2024, month=2, day=3, minute=5), dt.replace(hour=23, microsecond=7), datetime.combine(date(2024, 2, 3), time(4, 5, 6, 7)))
            print(dt.strftime("%d/%m/%y %I:%M %p %H %A %j"), f"{dt:%B %d, %Y at %H:%M}", datetime(2024, 1, 1, 0, 5).strftime("%I %p"))
            print(dt + timedelta(hours=20), dt - timedelta(days=31, seconds=1), datetime(2025, 3, 1) - datetime(2024, 3, 1, 12, 0, 0, 1))
            print(datetime.fromisoformat("2024-07-04T18:45:30.5"), datetime.fromisoformat("20240704T1845"), datetime.fromisoformat("2024-07-04"), time.fromisoformat("10:30"))
            print(datetime.strptime("05/03/24 02:30 PM", "%d/%m/%y %I:%M %p"), datetime.strptime("March 5, 2024", "%B %d, %Y"), datetime.strptime("12", "%d%m"))
            print(datetime.strptime("2024 060", "%Y %j"), datetime.strptime("Tue Mar  5 14:07:09 2024", "%c"), datetime.strptime("2024-01-01 10:00:00.5", "%Y-%m-%d %H:%M:%S.%f"))
            print(isinstance(dt, date), isinstance(date(2024, 1, 1), datetime), issubclass(datetime, date), type(dt).__name__, date, datetime, timedelta, time)
            print(datetime.min, datetime.max, time(1, 2), repr(time(1, 2, 3, 4)), time(1) < time(2), str(time(23, 59, 59, 999999)))

            """#,
        expected: #"""
            2024-01-31 10:00:00 datetime.datetime(2024, 1, 31, 10, 0) datetime.datetime(2024, 1, 1, 0, 0, 5) datetime.datetime(2024, 1, 1, 0, 0, 0, 5) 2024-01-31 10:00:00.123000
            10 0 0 0 None 2024-01-31 10:00:00 datetime.time(10, 0) 2
            2024-01-31T10:00:00 2024-01-31 10:00:00 2024-01-31T10:00 2024-01-01T09:05:03.000
            2024-02-03 00:05:00 2024-01-31 23:00:00.000007 2024-02-03 04:05:06.000007
            31/01/24 10:00 AM 10 Wednesday 031 January 31, 2024 at 10:00 12 AM
            2024-02-01 06:00:00 2023-12-31 09:59:59 364 days, 11:59:59.999999
            2024-07-04 18:45:30.500000 2024-07-04 18:45:00 2024-07-04 00:00:00 10:30:00
            2024-03-05 14:30:00 2024-03-05 00:00:00 1900-02-01 00:00:00
            2024-02-29 00:00:00 2024-03-05 14:07:09 2024-01-01 10:00:00.500000
            True False True datetime <class 'datetime.date'> <class 'datetime.datetime'> <class 'datetime.timedelta'> <class 'datetime.time'>
            0001-01-01 00:00:00 9999-12-31 23:59:59.999999 01:02:00 datetime.time(1, 2, 3, 4) True 23:59:59.999999

            """#,
        expectedError: nil
    ),
    DatetimeCase(
        name: "c04_compare_hash",
        source: #"""
            from datetime import date, datetime, timedelta
            dates = [date(2024, 5, 1), date(2023, 12, 25), date(2024, 1, 15)]
            print(sorted(dates), max(dates), min(dates), date(2024, 1, 1) <= date(2024, 1, 1), date(2024, 1, 1) != date(2024, 1, 2))
            counts = {}
            for d in [date(2024, 1, 1), date(2024, 1, 1), date(2024, 1, 2)]:
                counts[d] = counts.get(d, 0) + 1
            print(counts, {datetime(2024, 1, 1), datetime(2024, 1, 1, 0, 0)}, timedelta(1) in {timedelta(days=1): 1}, date(2024, 1, 1) in {datetime(2024, 1, 1): 1})
            print(hash(date(2024, 1, 1)) == hash(date(2024, 1, 1)), date(2024, 1, 1) == datetime(2024, 1, 1), date(2024, 1, 1) == None)
            checks = [
                ('date(2024, 1, 1) < datetime(2024, 1, 1)', lambda: date(2024, 1, 1) < datetime(2024, 1, 1)),
                ('datetime(2024, 1, 1) > date(2024, 1, 1)', lambda: datetime(2024, 1, 1) > date(2024, 1, 1)),
                ('date(2024, 1, 1) + 1', lambda: date(2024, 1, 1) + 1),
                ('1 + date(2024, 1, 1)', lambda: 1 + date(2024, 1, 1)),
                ('date(2024, 1, 1) + date(2024, 1, 1)', lambda: date(2024, 1, 1) + date(2024, 1, 1)),
                ('datetime(2024, 1, 1) - date(2024, 1, 1)', lambda: datetime(2024, 1, 1) - date(2024, 1, 1)),
                ('-date(2024, 1, 1)', lambda: -date(2024, 1, 1)),
                ('date(2024, 1, 1).hour', lambda: date(2024, 1, 1).hour),
            ]
            for label, fn in checks:
                try:
                    print(fn())
                except Exception as e:
                    print(label, type(e).__name__, e)

            """#,
        expected: #"""
            [datetime.date(2023, 12, 25), datetime.date(2024, 1, 15), datetime.date(2024, 5, 1)] 2024-05-01 2023-12-25 True True
            {datetime.date(2024, 1, 1): 2, datetime.date(2024, 1, 2): 1} {datetime.datetime(2024, 1, 1, 0, 0)} True False
            True False False
            date(2024, 1, 1) < datetime(2024, 1, 1) TypeError can't compare datetime.datetime to datetime.date
            datetime(2024, 1, 1) > date(2024, 1, 1) TypeError can't compare datetime.datetime to datetime.date
            date(2024, 1, 1) + 1 TypeError unsupported operand type(s) for +: 'datetime.date' and 'int'
            1 + date(2024, 1, 1) TypeError unsupported operand type(s) for +: 'int' and 'datetime.date'
            date(2024, 1, 1) + date(2024, 1, 1) TypeError unsupported operand type(s) for +: 'datetime.date' and 'datetime.date'
            datetime(2024, 1, 1) - date(2024, 1, 1) TypeError unsupported operand type(s) for -: 'datetime.datetime' and 'datetime.date'
            -date(2024, 1, 1) TypeError bad operand type for unary -: 'datetime.date'
            date(2024, 1, 1).hour AttributeError 'datetime.date' object has no attribute 'hour'

            """#,
        expectedError: nil
    ),
    DatetimeCase(
        name: "c05_errors",
        source: #"""
            from datetime import date, datetime, time, timedelta
            checks = [
                ('date(0, 1, 1)', lambda: date(0, 1, 1)),
                ('date(2024, 13, 1)', lambda: date(2024, 13, 1)),
                ('date(2023, 2, 29)', lambda: date(2023, 2, 29)),
                ('date(2024.0, 1, 1)', lambda: date(2024.0, 1, 1)),
                ('date(2024, 1)', lambda: date(2024, 1)),
                ('date(2024, 1, 1, 1)', lambda: date(2024, 1, 1, 1)),
                ('datetime(2024, 1, 1, 24)', lambda: datetime(2024, 1, 1, 24)),
                ('datetime(2024, 1, 1, 0, 60)', lambda: datetime(2024, 1, 1, 0, 60)),
                ('datetime(2024, 1, 1, 0, 0, 0, 1000000)', lambda: datetime(2024, 1, 1, 0, 0, 0, 1000000)),
                ('datetime(2024, 1, 1, tzinfo=5)', lambda: datetime(2024, 1, 1, tzinfo=5)),
                ('time(24)', lambda: time(24)),
                ("date.fromisoformat('2024-1-1')", lambda: date.fromisoformat('2024-1-1')),
                ('date.fromisoformat(5)', lambda: date.fromisoformat(5)),
                ("datetime.fromisoformat('2024-01-01T25:00')", lambda: datetime.fromisoformat('2024-01-01T25:00')),
                ("datetime.fromisoformat('2024-01-01T10:3')", lambda: datetime.fromisoformat('2024-01-01T10:3')),
                ('date.fromordinal(0)', lambda: date.fromordinal(0)),
                ("datetime.strptime('2024-03-05', '%Y-%m-%d %H')", lambda: datetime.strptime('2024-03-05', '%Y-%m-%d %H')),
                ("datetime.strptime('2024-03-05 10', '%Y-%m-%d')", lambda: datetime.strptime('2024-03-05 10', '%Y-%m-%d')),
                ("datetime.strptime('x', '%Q')", lambda: datetime.strptime('x', '%Q')),
                ("datetime.strptime('x', 'abc%')", lambda: datetime.strptime('x', 'abc%')),
                ("datetime.strptime('2024-02-30', '%Y-%m-%d')", lambda: datetime.strptime('2024-02-30', '%Y-%m-%d')),
                ("datetime.strptime(5, '%Y')", lambda: datetime.strptime(5, '%Y')),
                ('date(2024, 1, 1).replace(foo=1)', lambda: date(2024, 1, 1).replace(foo=1)),
                ('date(2024, 2, 29).replace(year=2023)', lambda: date(2024, 2, 29).replace(year=2023)),
                ('date(9999, 12, 31) + timedelta(1)', lambda: date(9999, 12, 31) + timedelta(1)),
                ('date(2024, 1, 1).strftime()', lambda: date(2024, 1, 1).strftime()),
                ("datetime(2024, 1, 1).isoformat(timespec='bad')", lambda: datetime(2024, 1, 1).isoformat(timespec='bad')),
                ('date.fromisocalendar(2021, 53, 4)', lambda: date.fromisocalendar(2021, 53, 4)),
                ('date(2024, 1, day=1, foo=2)', lambda: date(2024, 1, day=1, foo=2)),
                ('datetime(2024, 1, 1, foo=1)', lambda: datetime(2024, 1, 1, foo=1)),
            ]
            for label, fn in checks:
                try:
                    print(fn())
                except Exception as e:
                    print(label, type(e).__name__, e)

            """#,
        expected: #"""
            date(0, 1, 1) ValueError year 0 is out of range
            date(2024, 13, 1) ValueError month must be in 1..12
            date(2023, 2, 29) ValueError day is out of range for month
            date(2024.0, 1, 1) TypeError 'float' object cannot be interpreted as an integer
            date(2024, 1) TypeError function missing required argument 'day' (pos 3)
            date(2024, 1, 1, 1) TypeError function takes at most 3 arguments (4 given)
            datetime(2024, 1, 1, 24) ValueError hour must be in 0..23
            datetime(2024, 1, 1, 0, 60) ValueError minute must be in 0..59
            datetime(2024, 1, 1, 0, 0, 0, 1000000) ValueError microsecond must be in 0..999999
            datetime(2024, 1, 1, tzinfo=5) TypeError tzinfo argument must be None or of a tzinfo subclass, not type 'int'
            time(24) ValueError hour must be in 0..23
            date.fromisoformat('2024-1-1') ValueError Invalid isoformat string: '2024-1-1'
            date.fromisoformat(5) TypeError fromisoformat: argument must be str
            datetime.fromisoformat('2024-01-01T25:00') ValueError hour must be in 0..23
            datetime.fromisoformat('2024-01-01T10:3') ValueError Invalid isoformat string: '2024-01-01T10:3'
            date.fromordinal(0) ValueError ordinal must be >= 1
            datetime.strptime('2024-03-05', '%Y-%m-%d %H') ValueError time data '2024-03-05' does not match format '%Y-%m-%d %H'
            datetime.strptime('2024-03-05 10', '%Y-%m-%d') ValueError unconverted data remains:  10
            datetime.strptime('x', '%Q') ValueError 'Q' is a bad directive in format '%Q'
            datetime.strptime('x', 'abc%') ValueError stray % in format 'abc%'
            datetime.strptime('2024-02-30', '%Y-%m-%d') ValueError day is out of range for month
            datetime.strptime(5, '%Y') TypeError strptime() argument 1 must be str, not int
            date(2024, 1, 1).replace(foo=1) TypeError 'foo' is an invalid keyword argument for replace()
            date(2024, 2, 29).replace(year=2023) ValueError day is out of range for month
            date(9999, 12, 31) + timedelta(1) OverflowError date value out of range
            date(2024, 1, 1).strftime() TypeError strftime() missing required argument 'format' (pos 1)
            datetime(2024, 1, 1).isoformat(timespec='bad') ValueError Unknown timespec value
            date.fromisocalendar(2021, 53, 4) ValueError Invalid week: 53
            date(2024, 1, day=1, foo=2) TypeError function takes at most 3 arguments (4 given)
            datetime(2024, 1, 1, foo=1) TypeError 'foo' is an invalid keyword argument for this function

            """#,
        expectedError: nil
    ),
    DatetimeCase(
        name: "c06_uncaught",
        source: #"""
            from datetime import date
            print("before")
            date(2024, 2, 30)

            """#,
        expected: #"""
            before

            """#,
        expectedError: "ValueError: day is out of range for month"
    ),
]

private let snapshotSource = #"""
    import asyncio
    import datetime as dtmod
    from datetime import date, datetime, timedelta, time

    async def main():
        d = date(2024, 2, 28)
        dt = datetime(2024, 3, 15, 14, 30, 5, 250)
        td = timedelta(days=-1, hours=3, microseconds=7)
        t = time(9, 15)
        schedule = {d: "start", dt.date(): "mid", date(2024, 12, 31): "end"}
        spans = {td: 1, timedelta(0): 2}
        seen = {dt, datetime(2024, 3, 15, 14, 30, 5, 250)}
        iso = d.isocalendar()
        fmt = dt.strftime
        cls = datetime
        kinds = [date, datetime, timedelta, time, type(iso)]
        await asyncio.sleep(0)
        print(d, dt, td, t, repr(td))
        print(sorted(schedule.items()))
        print(schedule[date(2024, 3, 15)], spans[timedelta(days=-1, seconds=10800, microseconds=7)], len(seen))
        print(iso, iso.week, fmt("%Y/%m/%d %H:%M"), cls.fromisoformat("2024-05-06T07:08"))
        await asyncio.sleep(0)
        print(d + td, dt - td, dt - datetime(2024, 1, 1), t.isoformat(), [k.__name__ for k in kinds])
        print(isinstance(dt, date), isinstance(d, datetime), type(dt) is datetime, dtmod.MAXYEAR, date.max, timedelta.min)
        x = dt
        for i in range(3):
            x += timedelta(hours=10)
            await asyncio.sleep(0)
        print(x, x > dt, dt in seen, hash(d) == hash(date(2024, 2, 28)))

    asyncio.run(main())

    """#

private let snapshotExpected = #"""
    2024-02-28 2024-03-15 14:30:05.000250 -1 day, 3:00:00.000007 09:15:00 datetime.timedelta(days=-1, seconds=10800, microseconds=7)
    [(datetime.date(2024, 2, 28), 'start'), (datetime.date(2024, 3, 15), 'mid'), (datetime.date(2024, 12, 31), 'end')]
    mid 1 1
    datetime.IsoCalendarDate(year=2024, week=9, weekday=3) 9 2024/03/15 14:30 2024-05-06 07:08:00
    2024-02-27 2024-03-16 11:30:05.000243 74 days, 14:30:05.000250 09:15:00 ['date', 'datetime', 'timedelta', 'time', 'IsoCalendarDate']
    True False True 9999 9999-12-31 -999999999 days, 0:00:00
    2024-03-16 20:30:05.000250 True True True

    """#

@Suite("datetime module")
struct DatetimeTests {
    @Test("scripts match CPython", arguments: datetimeCases)
    func scriptMatchesCPython(_ c: DatetimeCase) {
        let (out, result) = runScript(c.source)
        #expect(out == c.expected)
        if let expectedError = c.expectedError {
            #expect(result.exitCode == 1)
            #expect(result.errorOutput.split(separator: "\n").last.map(String.init) == expectedError)
        } else {
            #expect(result.exitCode == 0, "\(result.errorOutput)")
        }
    }

    @Test("datetime conformance programs pass")
    func conformancePrograms() {
        let programs = ConformanceProgram.all.filter { $0.relativePath.hasPrefix("datetime_module/") }
        #expect(programs.count >= 12)
        for p in programs {
            let problem = p.mismatch()
            #expect(problem == nil, "\(p.relativePath): \(problem ?? "")")
        }
    }

    @Test("dates survive a snapshot at every await")
    func snapshotRoundTrip() {
        let (plain, plainResult) = runScript(snapshotSource)
        let (restored, restoredResult) = runScript(snapshotSource, checkpointEveryAwait: true)
        #expect(plainResult.exitCode == 0, "\(plainResult.errorOutput)")
        #expect(restoredResult.exitCode == 0, "\(restoredResult.errorOutput)")
        #expect(restoredResult.checkpoints >= 4)
        #expect(plain == snapshotExpected)
        #expect(restored == plain)
    }

    @Test("snapshot decoders rebuild each kind")
    func decoders() throws {
        let date = try #require(DatetimeModule.decoders["datetime.date"])
        let rebuilt = try date([.int(2024), .int(2), .int(29)])
        #expect((rebuilt as? DateObject)?.isoDate == "2024-02-29")
        #expect(throws: SnapshotError.self) { try date([.int(2023), .int(2), .int(29)]) }
        let delta = try #require(DatetimeModule.decoders["datetime.timedelta"])
        #expect(throws: SnapshotError.self) { try delta([.int(Int.min), .int(0), .int(0)]) }
        for kind in ["datetime.date", "datetime.datetime", "datetime.time", "datetime.timedelta", "datetime.IsoCalendarDate"] {
            #expect(NativeObjectRegistry.decoders[kind] != nil)
        }
    }

    @Test("the clock is not available")
    func noClock() {
        let (out, result) = runScript(
            """
            from datetime import date, datetime
            for f in (date.today, datetime.now, datetime.utcnow):
                try:
                    f()
                except NotImplementedError as e:
                    print(e)
            """)
        #expect(result.exitCode == 0)
        #expect(
            out == """
                date.today() is not available: time is a host effect
                datetime.now() is not available: time is a host effect
                datetime.utcnow() is not available: time is a host effect

                """)
    }
}
