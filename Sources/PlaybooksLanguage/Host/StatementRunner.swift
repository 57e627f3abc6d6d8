/// Runs source text that arrives while the program runs — an LLM's code, statement by
/// statement — inside the running VM, in its globals, as an awaitable.
///
/// A host exposes it under a name of its choosing; Python then runs a statement with
/// `await NAME(source, first_line)`. The statement is compiled as module code (top-level `await`
/// allowed) and runs as a coroutine frame on the VM's own stack, so its awaits suspend the VM,
/// and its frame is in every snapshot like any other. A syntax error is raised as `SyntaxError`
/// at the call, with the message and line CPython would give.
///
/// ```swift
/// vm.exposeStatementRunner(as: "__run__")
/// try vm.load(source: "await __run__('x = await fetch()\\n', 1)")
/// ```
public enum StatementRunner {
    /// The file name tracebacks show for code run this way.
    public static let filename = "<llm>"

    static let function = BuiltinFunction(key: "__statement_runner__", name: "run_statement") {
        vm, args, kwargs throws(PyException) in
        let reader = ArgumentReader("run_statement", args, kwargs)
        guard reader.count == 2, case .str(let source) = reader[0], case .int(let firstLine) = reader[1] else {
            throw PyException(Types.typeError, "run_statement() takes a source string and a first line number")
        }
        let module: Module
        do throws(SyntaxError) {
            if let offered = vm.offeredStatement, offered.statement.text == source, offered.statement.line == firstLine {
                module = try offered.parsed.get()
            } else {
                module = try Parser.parse(source, firstLine: max(1, firstLine))
            }
        } catch {
            vm.offeredStatement = nil
            if error.isRecursionError { throw PyException(Types.recursionError, error.message) }
            throw PyException(Types.syntaxError, "\(error.message) (line \(error.line))")
        }
        vm.offeredStatement = nil
        if !vm.namesToAwait.isEmpty, let call = module.unawaitedCalls(to: vm.namesToAwait).first {
            throw PyException(
                Types.runtimeError,
                "\(call.name)(...) at line \(call.line) is called without await, so it would not run: write await "
                    + "\(call.name)(...)")
        }
        let code: CodeObject
        do throws(SyntaxError) {
            code = try Compiler.compile(module, filename: StatementRunner.filename, namespace: vm.globals)
        } catch {
            if error.isRecursionError { throw PyException(Types.recursionError, error.message) }
            throw PyException(Types.syntaxError, "\(error.message) (line \(error.line))")
        }
        let frame = Frame(
            code: code, globals: vm.globals, locals: Array(repeating: nil, count: code.localNames.count), cells: [])
        let coroutine = CoroutineObject(frame: frame, name: "<statement>")
        frame.coroutine = coroutine
        return .coroutine(coroutine)
    }
}

extension VirtualMachine {
    /// Hands the statement runner the parse of a statement of a streamed response (from a
    /// ``StatementQueue``), so that running it does not parse it again. Only the next run of that
    /// exact text and line uses it; in replay, where the text comes from a journal, it is parsed.
    public func offerParsedStatement(_ item: StatementQueue.Item) {
        offeredStatement = item
    }

    /// Binds the statement runner to `name` in ``globals``: `await NAME(source, first_line)` runs
    /// `source` in the VM's globals (tracebacks name the file `<llm>`).
    public func exposeStatementRunner(as name: String) {
        globals[name] = .builtin(StatementRunner.function)
    }
}
