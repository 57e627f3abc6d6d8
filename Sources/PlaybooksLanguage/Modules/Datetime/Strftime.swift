/// `strftime` and `__format__`: formatting calendar fields by directives.
extension DatetimeModule {
    struct Fields {
        var year = 1900, month = 1, day = 1, hour = 0, minute = 0, second = 0, microsecond = 0
        var ordinal: Int { DatetimeModule.ordinal(year, month, day) }
    }

    static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]

    static func strftime(_ format: String, _ f: Fields) -> String {
        let chars = Array(format)
        var out = ""
        let ord = f.ordinal
        let wd = weekday(ordinal: ord)
        let yday = ord - ordinal(f.year, 1, 1)
        let hour12 = f.hour % 12 == 0 ? 12 : f.hour % 12
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c != "%" {
                out.append(c)
                i += 1
                continue
            }
            let start = i
            i += 1
            var padChar: Character? = nil
            var noPad = false
            var upper = false
            var hasFlagOrWidth = false
            while i < chars.count, "-_0^#".contains(chars[i]) {
                switch chars[i] {
                case "-": noPad = true
                case "_": padChar = " "; noPad = false
                case "0": padChar = "0"; noPad = false
                default: upper = true
                }
                hasFlagOrWidth = true
                i += 1
            }
            var width: Int? = nil
            while i < chars.count, chars[i].isASCII, let dv = chars[i].wholeNumberValue {
                width = min((width ?? 0) * 10 + dv, 1024)
                hasFlagOrWidth = true
                i += 1
            }
            if i < chars.count, chars[i] == "E" || chars[i] == "O", i + 1 < chars.count, "cCxXyYdeHImMSuUVwWy".contains(chars[i + 1]) {
                i += 1
            }
            guard i < chars.count else {
                out += String(chars[start...])
                break
            }
            let conv = chars[i]
            i += 1

            func number(_ n: Int, _ defaultWidth: Int, _ defaultPad: Character = "0") {
                if noPad {
                    out += String(n)
                    return
                }
                out += pad(n, width ?? defaultWidth, padChar ?? defaultPad)
            }
            func text(_ s: String) {
                let t = upper ? s.uppercased() : s
                if let width, width > t.count, !noPad {
                    out += String(repeating: padChar ?? " ", count: width - t.count)
                }
                out += t
            }
            switch conv {
            case "a": text(String(dayNames[wd].prefix(3)))
            case "A": text(dayNames[wd])
            case "b", "h": text(String(monthNames[f.month - 1].prefix(3)))
            case "B": text(monthNames[f.month - 1])
            case "p": text(f.hour < 12 ? "AM" : "PM")
            case "P": text(f.hour < 12 ? "am" : "pm")
            case "w": number((wd + 1) % 7, 1)
            case "u": number(wd + 1, 1)
            case "d": number(f.day, 2)
            case "e": number(f.day, 2, " ")
            case "m": number(f.month, 2)
            case "y": number(f.year % 100, 2)
            case "Y": number(f.year, 1)
            case "C": number(f.year / 100, 1)
            case "G": number(isoCalendar(ordinal: ord).0, 1)
            case "g": number(isoCalendar(ordinal: ord).0 % 100, 2)
            case "V": number(isoCalendar(ordinal: ord).1, 2)
            case "H": number(f.hour, 2)
            case "k": number(f.hour, 2, " ")
            case "I": number(hour12, 2)
            case "l": number(hour12, 2, " ")
            case "M": number(f.minute, 2)
            case "S": number(f.second, 2)
            case "j": number(yday + 1, 3)
            case "U": number((yday + 7 - (wd + 1) % 7) / 7, 2)
            case "W": number((yday + 7 - wd) / 7, 2)
            case "s": number((ord - 719_163) * 86400 + f.hour * 3600 + f.minute * 60 + f.second, 1)
            case "f":
                if hasFlagOrWidth { out += String(chars[start..<i]) } else { out += pad(f.microsecond, 6) }
            case "z", "Z":
                if hasFlagOrWidth { out += String(chars[start..<i]) }
            case "c": text(strftime("%a %b %e %H:%M:%S %Y", f))
            case "x", "D": text(strftime("%m/%d/%y", f))
            case "X", "T": text(strftime("%H:%M:%S", f))
            case "F": text(strftime("%Y-%m-%d", f))
            case "R": text(strftime("%H:%M", f))
            case "r": text(strftime("%I:%M:%S %p", f))
            case "n": out += "\n"
            case "t": out += "\t"
            case "%": out += "%"
            default: out += String(chars[start..<i])
            }
        }
        return out
    }

    static func formatValue(
        _ me: NativeObject, _ vm: VirtualMachine, _ args: ArraySlice<Value>, _ fields: Fields
    ) throws(PyException) -> Value {
        guard args.count == 2 else { throw PyException.typeError("__format__() takes exactly one argument (\(args.count - 1) given)") }
        guard case .str(let spec) = args[args.startIndex + 1] else {
            throw PyException.typeError("must be str, not \(args[args.startIndex + 1].typeName)")
        }
        if spec.isEmpty { return .str(try me.str(vm)) }
        return .str(strftime(spec, fields))
    }
}
