import PlaybooksLanguage
import Testing

/// Python code cannot reach files, processes or the environment: no `open`, `eval`, `exec` or
/// `__import__`, and only the standard modules on the allow-list import.
@Suite("Sandbox")
struct SandboxTests {
    static func run(_ source: String) -> (output: String, result: ScriptRunner.Result) {
        var out = ""
        let result = ScriptRunner.run(source: source, filename: "sandbox.py") { out += $0 }
        return (out, result)
    }

    static func lastLine(_ text: String) -> String {
        text.split(separator: "\n").last.map(String.init) ?? ""
    }

    @Test(arguments: ["open", "eval", "exec", "__import__", "compile", "input", "breakpoint"])
    func dangerousBuiltinsAreNotDefined(name: String) {
        let call =
            switch name {
            case "open": #"open("x")"#
            case "eval": #"eval("1")"#
            case "exec": #"exec("x=1")"#
            case "__import__": #"__import__("os")"#
            case "compile": #"compile("1", "f", "eval")"#
            default: "\(name)()"
            }
        let (output, result) = Self.run("print('before')\n\(call)\nprint('after')\n")
        #expect(output == "before\n")
        #expect(result.exitCode == 1)
        #expect(Self.lastLine(result.errorOutput) == "NameError: name '\(name)' is not defined")
    }

    @Test func dangerousBuiltinsFailInsideTryWithNameError() {
        let (output, result) = Self.run(
            #"""
            caught = []
            try:
                open("x")
            except NameError as e:
                caught.append(str(e))
            try:
                eval("1")
            except NameError as e:
                caught.append(str(e))
            try:
                exec("x=1")
            except NameError as e:
                caught.append(str(e))
            try:
                __import__("os")
            except NameError as e:
                caught.append(str(e))
            print(caught)
            """#)
        #expect(result.exitCode == 0)
        #expect(
            output
                == "[\"name 'open' is not defined\", \"name 'eval' is not defined\", \"name 'exec' is not defined\", \"name '__import__' is not defined\"]\n"
        )
    }

    @Test(arguments: [
        "import os", "import sys", "import subprocess", "from os import path", "import os.path",
        "import socket", "import importlib", "import builtins", "from sys import modules",
        "import shutil, json", "import pathlib as p",
    ])
    func forbiddenImportsAreModuleNotFound(statement: String) {
        let (output, result) = Self.run("print('before')\n\(statement)\nprint('after')\n")
        #expect(output == "before\n")
        #expect(result.exitCode == 1)
        #expect(Self.lastLine(result.errorOutput).hasPrefix("ModuleNotFoundError: No module named '"))
    }

    @Test func moduleNotFoundErrorIsAnImportError() {
        let (output, result) = Self.run(
            """
            try:
                import os
            except ImportError as e:
                print(type(e).__name__, issubclass(type(e), ImportError), isinstance(e, ModuleNotFoundError))
            try:
                from subprocess import run
            except ImportError:
                print("subprocess blocked")
            def inner():
                import sys
            try:
                inner()
            except ModuleNotFoundError:
                print("sys blocked inside a function")
            for name in ["os", "run", "sys"]:
                try:
                    eval_result = {"os": lambda: os, "run": lambda: run, "sys": lambda: sys}[name]()
                    print(name, "bound")
                except NameError:
                    print(name, "unbound")
            """)
        #expect(result.exitCode == 0, "\(result.errorOutput)")
        #expect(
            output
                == "ModuleNotFoundError True True\nsubprocess blocked\nsys blocked inside a function\nos unbound\nrun unbound\nsys unbound\n"
        )
    }

    /// The allow-listed modules import and work; python3 printed the expected text.
    @Test func allowedModulesImport() {
        let (output, result) = Self.run(
            #"""
            import json
            import math
            import re
            import collections
            import datetime
            import asyncio
            import dataclasses
            import functools
            import typing
            import string
            from collections import Counter, deque
            from math import sqrt, floor
            from json import dumps as to_json
            from functools import reduce
            from typing import List, Optional
            from dataclasses import dataclass
            print(json.loads('{"a": [1, 2]}')["a"], math.gcd(12, 18), re.sub(r"\d", "#", "a1b22"))
            print(Counter("abca").most_common(1), deque([1, 2]).pop(), sqrt(16), floor(2.7), to_json({"k": None}))
            print(datetime.date(2024, 3, 1) - datetime.timedelta(days=1), reduce(lambda a, b: a * b, [1, 2, 3, 4]))
            print(string.ascii_lowercase[:5], string.digits, functools.reduce(max, [3, 9, 2]))
            @dataclass
            class P:
                x: int
                y: int = 0
            print(P(1), dataclasses.asdict(P(2, 3)))
            async def co():
                await asyncio.sleep(0)
                return "slept"
            print(asyncio.run(co()))
            def typed(v: Optional[List[int]]) -> typing.Any:
                return v
            print(typed([1]))
            """#)
        #expect(result.exitCode == 0, "\(result.errorOutput)")
        #expect(
            output == """
                [1, 2] 6 a#b##
                [('a', 2)] 2 4.0 2 {"k": null}
                2024-02-29 24
                abcde 0123456789 9
                P(x=1, y=0) {'x': 2, 'y': 3}
                slept
                [1]

                """)
    }

    /// Introspection routes that reach `open` or `os` in CPython lead nowhere here.
    @Test func introspectionDoesNotReachForbiddenNames() {
        let (output, result) = Self.run(
            #"""
            attempts = [
                lambda: __builtins__.open,
                lambda: __builtins__["open"],
                lambda: globals()["__builtins__"].open,
                lambda: ().__class__.__bases__[0].__subclasses__(),
                lambda: json.__loader__,
                lambda: json.os,
                lambda: math.__builtins__,
                lambda: print.__self__.open,
                lambda: (lambda: 0).__globals__["__builtins__"],
                lambda: getattr(type, "__subclasses__")(object),
            ]
            import json, math
            reached = []
            for i, attempt in enumerate(attempts):
                try:
                    value = attempt()
                    if "open" in repr(value) or "os" == getattr(value, "__name__", ""):
                        reached.append(i)
                except Exception:
                    pass
            print("reached:", reached)
            """#)
        #expect(result.exitCode == 0, "\(result.errorOutput)")
        #expect(output == "reached: []\n")
    }
}
