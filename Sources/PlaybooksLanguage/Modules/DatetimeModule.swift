/// The `datetime` module (placeholder).
enum DatetimeModule {
    static let functions: [BuiltinFunction] = []
    static let decoders: [String: NativeObjectRegistry.Decoder] = [:]
    static func make() -> ModuleObject { StandardModules.module("datetime", functions) }
}
