extension StrMethods {
    static let all: [(String, NativeFunction)] = [
        (
            "split",
            { vm, args, kwargs throws(PyException) in
                let s = try receiver(args, "split")
                let (sep, maxsplit) = try splitArguments(vm, args, kwargs, "split")
                return .list(ListObject(try split(s, sep, maxsplit)))
            }
        ),
        (
            "rsplit",
            { vm, args, kwargs throws(PyException) in
                let s = try receiver(args, "rsplit")
                let (sep, maxsplit) = try splitArguments(vm, args, kwargs, "rsplit")
                return .list(ListObject(try rsplit(s, sep, maxsplit)))
            }
        ),
        (
            "join",
            { vm, args, _ throws(PyException) in
                let s = try receiver(args, "join")
                let iterable = try oneArgument(args, "join")
                let items = try vm.iterate(iterable)
                var parts: [String] = []
                parts.reserveCapacity(items.count)
                // The result's size, counted before joining (nil: it overflowed).
                let (separators, overflow) = s.utf8.count.multipliedReportingOverflow(by: max(0, items.count - 1))
                var size: Int? = overflow ? nil : separators
                for (i, item) in items.enumerated() {
                    guard let part = item.stringLike else {
                        throw PyException.typeError("sequence item \(i): expected str instance, \(item.typeName) found")
                    }
                    parts.append(part)
                    if let total = size {
                        let (sum, overflow) = total.addingReportingOverflow(part.utf8.count)
                        size = overflow ? nil : sum
                    }
                }
                try vm.reserveString(bytes: size)
                return .str(StringConcatenation.join(parts, separator: s))
            }
        ),
        (
            "strip",
            { _, args, _ throws(PyException) in
                .str(strip(try receiver(args, "strip"), try charsArg(args, "strip"), left: true, right: true))
            }
        ),
        (
            "lstrip",
            { _, args, _ throws(PyException) in
                .str(strip(try receiver(args, "lstrip"), try charsArg(args, "lstrip"), left: true, right: false))
            }
        ),
        (
            "rstrip",
            { _, args, _ throws(PyException) in
                .str(strip(try receiver(args, "rstrip"), try charsArg(args, "rstrip"), left: false, right: true))
            }
        ),
        (
            "replace",
            { vm, args, _ throws(PyException) in
                let s = try receiver(args, "replace")
                guard args.count >= 3 else { throw PyException.typeError("replace expected at least 2 arguments, got \(args.count - 1)") }
                let old = try strArg(args[args.startIndex + 1], "replace")
                let new = try strArg(args[args.startIndex + 2], "replace")
                let count = args.count > 3 ? try vm.integerArgument(args[args.startIndex + 3]) : -1
                try vm.reserveString(bytes: replacedSize(s, old, new, count))
                return .str(replace(s, old, new, count))
            }
        ),
        ("find", { vm, args, _ throws(PyException) in try findMethod(vm, args, "find", reverse: false, raise: false) }),
        ("rfind", { vm, args, _ throws(PyException) in try findMethod(vm, args, "rfind", reverse: true, raise: false) }),
        ("index", { vm, args, _ throws(PyException) in try findMethod(vm, args, "index", reverse: false, raise: true) }),
        ("rindex", { vm, args, _ throws(PyException) in try findMethod(vm, args, "rindex", reverse: true, raise: true) }),
        (
            "count",
            { vm, args, _ throws(PyException) in
                let s = try receiver(args, "count")
                guard args.count >= 2 else { throw PyException.typeError("count() takes at least 1 argument (0 given)") }
                let sub = try strArg(args[args.startIndex + 1], "count")
                let b = Array(s.utf8)
                let (start, end) = try range(vm, b, args, from: 2)
                return .int(countOccurrences(b, Array(sub.utf8), start, end))
            }
        ),
        ("startswith", { vm, args, _ throws(PyException) in try prefixCheck(vm, args, "startswith", suffix: false) }),
        ("endswith", { vm, args, _ throws(PyException) in try prefixCheck(vm, args, "endswith", suffix: true) }),
        ("upper", { _, args, _ throws(PyException) in .str(try receiver(args, "upper").uppercased()) }),
        ("lower", { _, args, _ throws(PyException) in .str(try receiver(args, "lower").lowercased()) }),
        ("casefold", { _, args, _ throws(PyException) in .str(try receiver(args, "casefold").lowercased()) }),
        ("title", { _, args, _ throws(PyException) in .str(title(try receiver(args, "title"))) }),
        (
            "capitalize",
            { _, args, _ throws(PyException) in
                let s = try receiver(args, "capitalize")
                guard let first = s.unicodeScalars.first else { return .str("") }
                return .str(first.properties.titlecaseMapping + String(String.UnicodeScalarView(s.unicodeScalars.dropFirst())).lowercased())
            }
        ),
        (
            "swapcase",
            { _, args, _ throws(PyException) in
                var out = ""
                for u in try receiver(args, "swapcase").unicodeScalars {
                    if u.properties.isUppercase {
                        out += String(u).lowercased()
                    } else if u.properties.isLowercase {
                        out += String(u).uppercased()
                    } else {
                        out.unicodeScalars.append(u)
                    }
                }
                return .str(out)
            }
        ),
        predicate("isdigit", isDigit),
        predicate("isdecimal", isDecimal),
        predicate("isnumeric", isNumeric),
        predicate("isalpha", isAlpha),
        predicate("isalnum") { isAlpha($0) || isNumeric($0) },
        predicate("isspace", isSpace),
        predicate("isprintable") { $0.value >= 0x20 && $0.value != 0x7F },
        ("isascii", { _, args, _ throws(PyException) in .bool(try receiver(args, "isascii").utf8.allSatisfy { $0 < 0x80 }) }),
        (
            "isupper",
            { _, args, _ throws(PyException) in
                let c = cased(try receiver(args, "isupper"))
                return .bool(c.hasUpper && !c.hasLower)
            }
        ),
        (
            "islower",
            { _, args, _ throws(PyException) in
                let c = cased(try receiver(args, "islower"))
                return .bool(c.hasLower && !c.hasUpper)
            }
        ),
        (
            "istitle",
            { _, args, _ throws(PyException) in
                let s = try receiver(args, "istitle")
                return .bool(!s.isEmpty && title(s) == s && cased(s).hasUpper)
            }
        ),
        (
            "isidentifier",
            { _, args, _ throws(PyException) in
                let s = try receiver(args, "isidentifier")
                guard let first = s.unicodeScalars.first, first == "_" || isAlpha(first) else { return .bool(false) }
                return .bool(s.unicodeScalars.allSatisfy { $0 == "_" || isAlpha($0) || isDecimal($0) })
            }
        ),
        ("center", { vm, args, _ throws(PyException) in try justify(vm, args, "center", "^") }),
        ("ljust", { vm, args, _ throws(PyException) in try justify(vm, args, "ljust", "<") }),
        ("rjust", { vm, args, _ throws(PyException) in try justify(vm, args, "rjust", ">") }),
        (
            "zfill",
            { vm, args, _ throws(PyException) in
                let s = try receiver(args, "zfill")
                let width = try vm.integerArgument(try oneArgument(args, "zfill"))
                let len = s.unicodeScalars.count
                if width <= len { return .str(s) }
                try reservePadding(vm, s, width, "0")
                let zeros = String(repeating: "0", count: width - len)
                if let f = s.unicodeScalars.first, f == "+" || f == "-" {
                    return .str(String(f) + zeros + String(String.UnicodeScalarView(s.unicodeScalars.dropFirst())))
                }
                return .str(zeros + s)
            }
        ),
        ("partition", { _, args, _ throws(PyException) in try partition(args, reverse: false) }),
        ("rpartition", { _, args, _ throws(PyException) in try partition(args, reverse: true) }),
        (
            "splitlines",
            { vm, args, kwargs throws(PyException) in
                let s = try receiver(args, "splitlines")
                var keep = false
                if let v = ArgumentReader("splitlines", args, kwargs).optional(1, "keepends") { keep = try vm.isTruthy(v) }
                return .list(ListObject(splitLines(s, keepEnds: keep)))
            }
        ),
        (
            "removeprefix",
            { _, args, _ throws(PyException) in
                let s = try receiver(args, "removeprefix")
                let p = try strArg(try oneArgument(args, "removeprefix"), "removeprefix")
                let b = Array(s.utf8)
                let pb = Array(p.utf8)
                if b.starts(with: pb) { return .str(str(b[pb.count...])) }
                return .str(s)
            }
        ),
        (
            "removesuffix",
            { _, args, _ throws(PyException) in
                let s = try receiver(args, "removesuffix")
                let p = try strArg(try oneArgument(args, "removesuffix"), "removesuffix")
                let b = Array(s.utf8)
                let pb = Array(p.utf8)
                if !pb.isEmpty && b.count >= pb.count && b.suffix(pb.count).elementsEqual(pb) {
                    return .str(str(b[..<(b.count - pb.count)]))
                }
                return .str(s)
            }
        ),
        (
            "expandtabs",
            { vm, args, _ throws(PyException) in
                let s = try receiver(args, "expandtabs")
                let size = args.count > 1 ? try vm.integerArgument(args[args.startIndex + 1]) : 8
                try vm.reserveString(bytes: expandedSize(s, size))
                var out = ""
                var col = 0
                for u in s.unicodeScalars {
                    if u == "\t" {
                        if size > 0 {
                            let n = size - col % size
                            out += String(repeating: " ", count: n)
                            col += n
                        }
                    } else {
                        out.unicodeScalars.append(u)
                        col = (u == "\n" || u == "\r") ? 0 : col + 1
                    }
                }
                return .str(out)
            }
        ),
        (
            "format",
            { vm, args, kwargs throws(PyException) in
                let s = try receiver(args, "format")
                return .str(try vm.strFormat(s, Array(args.dropFirst()), kwargs))
            }
        ),
        (
            "format_map",
            { vm, args, _ throws(PyException) in
                let s = try receiver(args, "format_map")
                guard case .dict(let d) = try oneArgument(args, "format_map") else {
                    throw PyException.typeError("format_map() argument must be a dict")
                }
                var kw: [(String, Value)] = []
                for (k, v) in d.pairs { if case .str(let ks) = k { kw.append((ks, v)) } }
                return .str(try vm.strFormat(s, [], kw))
            }
        ),
        (
            "encode",
            { _, _, _ throws(PyException) in
                throw PyException(Types.notImplementedError, "bytes are not supported")
            }
        ),
    ]

    static let classMethods: [(String, NativeFunction)] = []
}
