/// The `json` module: `dumps` and `loads` with CPython's output and error messages.
enum JSONModule {
    static let dumps = BuiltinFunction(key: "json.dumps") { vm, args, kwargs throws(PyException) in
        guard args.count == 1 else { throw PyException.typeError("dumps() takes 1 positional argument but \(args.count) were given") }
        var options = JSONTextEncoder.Options()
        for (k, v) in kwargs {
            switch k {
            case "indent":
                switch v {
                case .none: options.indent = nil
                case .int(let n): options.indent = String(repeating: " ", count: max(0, n))
                case .str(let s): options.indent = s
                default: throw PyException.typeError("indent must be an int or a string")
                }
            case "sort_keys": options.sortKeys = try vm.isTruthy(v)
            case "ensure_ascii": options.ensureASCII = try vm.isTruthy(v)
            case "separators":
                let parts = try vm.iterate(v)
                guard parts.count == 2, case .str(let a) = parts[0], case .str(let b) = parts[1] else {
                    throw PyException.valueError("separators must be a (item_separator, key_separator) pair")
                }
                options.separators = (a, b)
            case "default": if !v.isNone { options.defaultFunction = v }
            case "allow_nan": options.allowNaN = try vm.isTruthy(v)
            case "skipkeys": options.skipKeys = try vm.isTruthy(v)
            case "cls": break
            default: throw PyException.typeError("dumps() got an unexpected keyword argument '\(k)'")
            }
        }
        var encoder = JSONTextEncoder(vm: vm, options: options)
        try encoder.encode(args[args.startIndex], depth: 0)
        return .str(encoder.output)
    }

    static let loads = BuiltinFunction(key: "json.loads") { vm, args, kwargs throws(PyException) in
        guard args.count == 1 else { throw PyException.typeError("loads() takes 1 positional argument but \(args.count) were given") }
        guard case .str(let s) = args[args.startIndex] else {
            throw PyException.typeError("the JSON object must be str, bytes or bytearray, not \(args[args.startIndex].typeName)")
        }
        var parser = JSONTextParser(text: s)
        return try parser.parseDocument()
    }

    static let functions: [BuiltinFunction] = [dumps, loads]

    static func make() -> ModuleObject {
        StandardModules.module("json", functions, constants: [("JSONDecodeError", .type(Types.jsonDecodeError))])
    }
}
