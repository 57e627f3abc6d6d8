/// Python playbook programs whose awaits sit in every kind of place: the crash sweeps run each one.
enum SweepPrograms {
    /// The seed document's scenario: Main with steps 01-03 calling SomePlaybook, FetchData and ProcessData.
    static let seed = """
        @playbook
        async def Main():
            await Step("Main:01:QUE")
            await Say("user", "Hello!")
            await Step("Main:02:CND")
            x = await SomePlaybook()
            $x = x
            await Say("user", f"Result: {x}")
            await Step("Main:03:ACT")
            data = await FetchData()
            $data = data
            await Say("user", f"Got data: {data}")
            y = await ProcessData(data)
            await Say("user", f"Processed: {y}")
            return y

        @playbook
        async def SomePlaybook():
            await Step("SomePlaybook:01:EXE")
            return 42

        @playbook
        async def FetchData():
            await Step("FetchData:01:EXE")
            rows = [{"id": i, "amount": i * 10} for i in range(1, 4)]
            await SaveArtifact("rows", "three rows", str(rows))
            return rows

        @playbook
        async def ProcessData(data):
            await Step("ProcessData:01:EXE")
            total = sum(r["amount"] for r in data)
            await Say("user", f"Summing {len(data)} rows")
            return {"total": total, "artifact": await LoadArtifact("rows")}
        """

    static let forLoop = """
        @playbook
        async def Main():
            totals = []
            for i in range(5):
                await Step(f"Main:01.{i:02d}:EXE")
                if i % 2 == 0:
                    await Say("user", f"even {i}")
                else:
                    await Say("user", f"odd {i}")
                totals.append(i * i)
            await Say("user", f"totals {totals}")
            return sum(totals)
        """

    static let whileLoop = """
        @playbook
        async def Main():
            n = 27
            steps = 0
            while n != 1:
                n = n // 2 if n % 2 == 0 else 3 * n + 1
                steps += 1
                if steps % 20 == 0:
                    await Say("user", f"step {steps}: n={n}")
            else:
                await Say("user", f"reached 1 after {steps} steps")
            return steps
        """

    static let tryFinally = """
        @playbook
        async def Main():
            log = []
            for attempt in range(3):
                try:
                    await Step(f"Main:02.{attempt:02d}:EXE")
                    if attempt < 2:
                        raise ValueError(f"attempt {attempt} failed")
                    await Say("user", "succeeded")
                except ValueError as e:
                    await Say("user", f"caught: {e}")
                    log.append(str(e))
                finally:
                    await Say("user", f"cleanup {attempt}")
            try:
                await LoadArtifact("missing")
            except KeyError as e:
                await Say("user", f"no artifact: {e}")
            return log
        """

    static let nested = """
        @playbook
        async def Main():
            await Step("Main:01:EXE")
            result = await Outer(3)
            await Say("user", f"done: {result}")
            return result

        @playbook
        async def Outer(n):
            await Step("Outer:01:EXE")
            parts = []
            for i in range(n):
                parts.append(await Middle(i))
            return parts

        @playbook
        async def Middle(i):
            await Say("user", f"middle {i}")
            value = await Inner(i)
            return value + 1

        @playbook
        async def Inner(i):
            await Step("Inner:01:EXE")
            await Say("user", f"inner {i}")
            return i * 100
        """

    /// A dict and a set keyed by instances whose class defines `__hash__` and `__eq__`, kept
    /// across awaits: after a resume from a snapshot, fresh equal instances must still find them.
    static let userKeys = """
        class P:
            def __init__(self, x):
                self.x = x
            def __eq__(self, other):
                return isinstance(other, P) and self.x == other.x
            def __hash__(self):
                return hash(self.x) * 7919

        @playbook
        async def Main():
            counts = {P(i): 0 for i in range(12)}
            seen = {P(0)}
            for i in range(4):
                await Step(f"Main:01.{i:02d}:EXE")
                counts[P(i)] += 1
                seen.add(P(i))
                await Say("user", f"round {i}: {counts[P(i)]} {P(i) in seen} {len(seen)}")
            await Say("user", f"{sum(counts.values())} {len(counts)} {P(3) in counts} {P(12) in counts}")
            return len(seen | {P(0), P(20)})
        """

    static let all: [(name: String, source: String)] = [
        ("seed", seed), ("for", forLoop), ("while", whileLoop), ("try-finally", tryFinally), ("nested", nested),
        ("user-keys", userKeys),
    ]
}
