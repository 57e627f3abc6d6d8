/// An installed exception handler: where to jump, and how deep the stacks were when it was set up.
struct ExceptionHandler: Equatable {
    var target: Int32
    var stackDepth: Int32
    var handledDepth: Int32
}

/// One activation of a code object. All interpreter state lives in frames and the objects they
/// reference — never on the Swift call stack across a suspension — so a frame is plain data for
/// the snapshot encoder.
final class Frame {
    var code: CodeObject
    var globals: Namespace
    var ip: Int = 0
    var stack: [Value] = []
    var locals: [Value?]
    var cells: [Cell]
    var handlers: [ExceptionHandler] = []
    /// Exceptions being handled by `except`/`finally` bodies in this frame, innermost last.
    var handled: [ExceptionObject] = []
    /// The coroutine this frame runs, if it is an `async def` body.
    var coroutine: CoroutineObject?
    /// Set on the bottom frame of a nested (Swift-driven) run: returning from it ends that run.
    var isNestedBoundary = false
    /// For class bodies: the class under construction receives the body's locals.
    var isClassBody = false

    init(code: CodeObject, globals: Namespace, locals: [Value?], cells: [Cell]) {
        self.code = code
        self.globals = globals
        self.locals = locals
        self.cells = cells
        stack.reserveCapacity(8)
    }

    var line: Int { code.line(at: ip - 1) }
}
