/// Rebuilds Swift-implemented objects from the fields they wrote into a snapshot.
enum NativeObjectRegistry {
    typealias Decoder = @Sendable ([Value]) throws(SnapshotError) -> NativeObject

    static func field(_ f: [Value], _ i: Int) throws(SnapshotError) -> Value {
        guard i < f.count else { throw SnapshotDecoder.damaged("a native object is missing a field") }
        return f[i]
    }

    static let decoders: [String: Decoder] = {
        var d: [String: Decoder] = [
            "NotImplemented": { _ throws(SnapshotError) in NotImplementedMarker.shared },
            "staticmethod": { f throws(SnapshotError) in StaticMethodWrapper(try field(f, 0)) },
            "classmethod": { f throws(SnapshotError) in ClassMethodWrapper(try field(f, 0)) },
            "property": { f throws(SnapshotError) in
                let setter = try field(f, 1)
                return PropertyWrapper(try field(f, 0), setter: setter.isNone ? nil : setter)
            },
            "super": { f throws(SnapshotError) in
                var start: TypeObject? = nil
                if case .type(let t) = try field(f, 0) { start = t }
                return SuperObject(start: start, receiver: try field(f, 1))
            },
            "dictview": { f throws(SnapshotError) in
                guard case .dict(let dict) = try field(f, 0), case .int(let k) = try field(f, 1), let kind = DictView.Kind(rawValue: k)
                else {
                    throw SnapshotDecoder.damaged("bad dict view")
                }
                return DictView(dict, kind)
            },
            "dataclasses.Field": { f throws(SnapshotError) in
                let a = try field(f, 0)
                let b = try field(f, 1)
                if case .ellipsis = a {
                    if case .ellipsis = b { return DataclassesModule.FieldSpec(defaultValue: nil, factory: nil) }
                    return DataclassesModule.FieldSpec(defaultValue: nil, factory: b)
                }
                return DataclassesModule.FieldSpec(defaultValue: a, factory: nil)
            },
        ]
        for (k, v) in extraDecoders { d[k] = v }
        return d
    }()

    /// Decoders contributed by modules (datetime, re).
    static var extraDecoders: [String: Decoder] { DatetimeModule.decoders.merging(RegexModule.decoders) { a, _ in a } }
}
