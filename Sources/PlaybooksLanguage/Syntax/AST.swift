import BigInt

/// The abstract syntax tree of the Python subset, as produced by ``Parser``.
///
/// Every node carries the 1-based source line it starts on; the compiler copies it into the
/// line table so tracebacks and streaming errors can name the line.

/// An expression node.
public struct Expr: Sendable, Equatable {
    public var kind: ExprKind
    public var line: Int

    public init(_ kind: ExprKind, line: Int) {
        self.kind = kind
        self.line = line
    }
}

/// A literal constant.
public enum Constant: Sendable, Equatable {
    case none
    case bool(Bool)
    case int(Int)
    case bigInt(BigInt)
    case float(Double)
    case str(String)
    case ellipsis
}

public enum UnaryOp: Sendable, Equatable, CaseIterable {
    case negate, plus, invert, not
}

public enum BinaryOp: Sendable, Equatable, CaseIterable {
    case add, sub, mul, truediv, floordiv, mod, pow, matmul
    case lshift, rshift, bitand, bitor, bitxor
}

public enum BoolOp: Sendable, Equatable {
    case and, or
}

public enum CompareOp: Sendable, Equatable, CaseIterable {
    case eq, ne, lt, le, gt, ge, `in`, notIn, `is`, isNot
}

/// One piece of an f-string: literal text, or a replacement field.
public enum FStringPart: Sendable, Equatable {
    case literal(String)
    /// `{expr!conversion:spec}`; `conversion` is `r`, `s` or `a` when present. The spec may itself
    /// contain replacement fields. `selfDocumenting` holds the `expr=` text when the `=` form was used.
    case field(expr: Expr, conversion: Character?, spec: [FStringPart]?, selfDocumenting: String?)
}

/// A keyword argument in a call; `name == nil` means `**mapping`.
public struct Keyword: Sendable, Equatable {
    public var name: String?
    public var value: Expr
    public init(name: String?, value: Expr) {
        self.name = name
        self.value = value
    }
}

/// An entry of a dict display; `key == nil` means `**mapping`.
public struct DictItem: Sendable, Equatable {
    public var key: Expr?
    public var value: Expr
    public init(key: Expr?, value: Expr) {
        self.key = key
        self.value = value
    }
}

/// One `for target in iter if cond...` clause of a comprehension.
public struct Comprehension: Sendable, Equatable {
    public var target: Expr
    public var iter: Expr
    public var conditions: [Expr]
    public var isAsync: Bool
    public init(target: Expr, iter: Expr, conditions: [Expr], isAsync: Bool = false) {
        self.target = target
        self.iter = iter
        self.conditions = conditions
        self.isAsync = isAsync
    }
}

/// One parameter with an optional default value.
public struct Parameter: Sendable, Equatable {
    public var name: String
    public var defaultValue: Expr?
    public init(name: String, defaultValue: Expr? = nil) {
        self.name = name
        self.defaultValue = defaultValue
    }
}

/// A function's parameter list: `def f(a, b=1, /, c=2, *args, d, e=3, **kwargs)`.
public struct Parameters: Sendable, Equatable {
    /// Positional-only parameters (before `/`).
    public var positionalOnly: [Parameter]
    /// Positional-or-keyword parameters.
    public var positional: [Parameter]
    public var varargs: String?
    public var keywordOnly: [Parameter]
    public var kwargs: String?

    public init(
        positionalOnly: [Parameter] = [], positional: [Parameter] = [], varargs: String? = nil,
        keywordOnly: [Parameter] = [], kwargs: String? = nil
    ) {
        self.positionalOnly = positionalOnly
        self.positional = positional
        self.varargs = varargs
        self.keywordOnly = keywordOnly
        self.kwargs = kwargs
    }
}

public indirect enum ExprKind: Sendable, Equatable {
    case name(String)
    /// `$name`: an agent state variable, read and written through the host.
    case stateVariable(String)
    case constant(Constant)
    case fstring([FStringPart])
    case list([Expr])
    case tuple([Expr])
    case set([Expr])
    case dict([DictItem])
    /// `*expr` inside a display, call or assignment target.
    case starred(Expr)
    case unary(UnaryOp, Expr)
    case binary(BinaryOp, Expr, Expr)
    /// `a and b and c`: two or more operands.
    case boolOp(BoolOp, [Expr])
    /// `a < b <= c`: the first operand and the (operator, operand) pairs that follow.
    case compare(Expr, [CompareOp], [Expr])
    /// `body if test else orelse`
    case ifExp(test: Expr, body: Expr, orelse: Expr)
    case lambda(Parameters, Expr)
    /// `name := value`
    case namedExpr(String, Expr)
    case attribute(Expr, String)
    case `subscript`(Expr, Expr)
    /// `lower:upper:step`, only as a subscript's index (possibly inside a tuple).
    case slice(lower: Expr?, upper: Expr?, step: Expr?)
    case call(Expr, args: [Expr], keywords: [Keyword])
    case listComp(Expr, [Comprehension])
    case setComp(Expr, [Comprehension])
    case dictComp(key: Expr, value: Expr, [Comprehension])
    case generatorExp(Expr, [Comprehension])
    case await(Expr)
}

/// A statement node.
public struct Stmt: Sendable, Equatable {
    public var kind: StmtKind
    public var line: Int
    /// The last source line the statement covers (for compound statements, its last body line).
    public var endLine: Int

    public init(_ kind: StmtKind, line: Int, endLine: Int? = nil) {
        self.kind = kind
        self.line = line
        self.endLine = endLine ?? line
    }
}

/// An `except` clause.
public struct ExceptHandler: Sendable, Equatable {
    /// The exception class or tuple of classes; `nil` for a bare `except:`.
    public var type: Expr?
    public var name: String?
    public var body: [Stmt]
    public var line: Int
    public init(type: Expr?, name: String?, body: [Stmt], line: Int) {
        self.type = type
        self.name = name
        self.body = body
        self.line = line
    }
}

/// `import a.b as c` or one name of `from m import x as y`.
public struct ImportAlias: Sendable, Equatable {
    public var name: String
    public var asName: String?
    public init(name: String, asName: String?) {
        self.name = name
        self.asName = asName
    }
}

/// A function definition.
public struct FunctionDef: Sendable, Equatable {
    public var name: String
    public var parameters: Parameters
    public var body: [Stmt]
    public var decorators: [Expr]
    public var isAsync: Bool
    public init(name: String, parameters: Parameters, body: [Stmt], decorators: [Expr], isAsync: Bool) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.decorators = decorators
        self.isAsync = isAsync
    }
}

/// A class definition (simple classes: bases are parsed but only `object` / none are accepted
/// by the compiler).
public struct ClassDef: Sendable, Equatable {
    public var name: String
    public var bases: [Expr]
    public var body: [Stmt]
    public var decorators: [Expr]
    public init(name: String, bases: [Expr], body: [Stmt], decorators: [Expr]) {
        self.name = name
        self.bases = bases
        self.body = body
        self.decorators = decorators
    }
}

public indirect enum StmtKind: Sendable, Equatable {
    case expr(Expr)
    /// `a = b = value`: one or more targets.
    case assign(targets: [Expr], value: Expr)
    case augAssign(target: Expr, op: BinaryOp, value: Expr)
    /// `x: int = 3` (the annotation is parsed and ignored).
    case annAssign(target: Expr, annotation: Expr, value: Expr?)
    case `if`(test: Expr, body: [Stmt], orelse: [Stmt])
    case `while`(test: Expr, body: [Stmt], orelse: [Stmt])
    case `for`(target: Expr, iter: Expr, body: [Stmt], orelse: [Stmt], isAsync: Bool)
    case `break`
    case `continue`
    case pass
    case `return`(Expr?)
    case functionDef(FunctionDef)
    case classDef(ClassDef)
    case `try`(body: [Stmt], handlers: [ExceptHandler], orelse: [Stmt], finalbody: [Stmt])
    case raise(exception: Expr?, cause: Expr?)
    case assert(test: Expr, message: Expr?)
    case delete([Expr])
    case global([String])
    case nonlocal([String])
    case `import`([ImportAlias])
    case importFrom(module: String, names: [ImportAlias])
    /// `with a as x, b:` — each item is (context expression, optional target).
    case with(items: [WithItem], body: [Stmt], isAsync: Bool)
}

public struct WithItem: Sendable, Equatable {
    public var context: Expr
    public var target: Expr?
    public init(context: Expr, target: Expr?) {
        self.context = context
        self.target = target
    }
}

/// A parsed module: its statements in order.
public struct Module: Sendable, Equatable {
    public var body: [Stmt]
    public init(body: [Stmt]) {
        self.body = body
    }
}

/// A syntax error with CPython's message and the 1-based line (and column) where it was found.
public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int
    /// `IndentationError` and `TabError` are subclasses of `SyntaxError` in Python.
    public var kind: String

    public init(_ message: String, line: Int, column: Int = 0, kind: String = "SyntaxError") {
        self.message = message
        self.line = line
        self.column = column
        self.kind = kind
    }

    public var description: String { "\(kind): \(message) (line \(line))" }

    /// CPython's error for source whose syntax tree is too deep to compile. Its `kind` is
    /// `RecursionError`, which is not a `SyntaxError` subclass: see ``isRecursionError``.
    static func compilationRecursion(line: Int) -> SyntaxError {
        SyntaxError("maximum recursion depth exceeded during compilation", line: line, kind: "RecursionError")
    }

    /// True for ``compilationRecursion(line:)``: raised as `RecursionError`, reported without a
    /// source line (as CPython does).
    public var isRecursionError: Bool { kind == "RecursionError" }
}
