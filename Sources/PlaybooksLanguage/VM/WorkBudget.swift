import BigInt

/// Sizes no single object may exceed whatever the configured limits say: past them the machine
/// itself cannot be expected to hold the object, so `MemoryError` is raised before allocating.
enum AllocationCaps {
    /// Bytes of one `str` (2 GiB).
    static let stringBytes = 1 << 31
    /// Elements of one list or tuple (2^28 values of 16 bytes: 4 GiB).
    static let sequenceLength = 1 << 28
    /// Bits of one int (2^26 bits: 8 MiB, about 20 million decimal digits).
    static let intBits = 1 << 26
}

extension VirtualMachine {
    /// Charges `units` of work done inside a built-in (one unit is about one bytecode instruction)
    /// against the instruction budget, and checks the limits as the dispatch loop does: the
    /// instruction limit at once, the clock and the heap every 4096 units.
    @inline(__always)
    func charge(_ units: Int) throws(PyException) {
        instructionCount &+= units
        if let e = checkLimits() { throw e }
    }

    /// Fails with `MemoryError` before a `str` of `bytes` UTF-8 bytes is built (`nil`: the size
    /// computation overflowed), and charges the work of filling it (a unit per 64 bytes).
    func reserveString(bytes: Int?) throws(PyException) {
        guard let bytes, bytes <= AllocationCaps.stringBytes else {
            throw PyException(Types.memoryError, "resulting string is too long")
        }
        try checkAllocation(bytes)
        try charge(bytes >> 6)
    }

    /// Fails with `MemoryError` before a list or tuple of `count` elements is built, and charges
    /// the work of filling it (a unit per 4 elements).
    func reserveSequence(count: Int?) throws(PyException) {
        guard let count, count <= AllocationCaps.sequenceLength else {
            throw PyException(Types.memoryError, "resulting sequence is too long")
        }
        try checkAllocation(count &* 16)
        try charge(count >> 2)
    }

    /// Fails with `MemoryError` before an int of `bits` bits is built.
    func reserveInt(bits: Int?) throws(PyException) {
        guard let bits, bits <= AllocationCaps.intBits else {
            throw PyException(Types.memoryError, "resulting int is too large")
        }
        try checkAllocation(bits / 8)
    }

    /// Work units charged for multiplying ints of `a` and `b` 64-bit words: schoolbook below
    /// the Karatsuba threshold, about n^1.6 above it.
    static func multiplicationCost(_ a: Int, _ b: Int) -> Int {
        let small = min(a, b)
        let large = max(a, b)
        if small < 64 { return small &* large / 16 + 1 }
        let karatsuba = Double(large) * Double(small).squareRoot() * Double(small).squareRoot().squareRoot() / 16
        return karatsuba < 1e15 ? Int(karatsuba) + 1 : 1_000_000_000_000_000
    }

    /// Charges a (schoolbook) division of `a` by `b` before it is performed.
    func chargeDivision(_ a: BigInt, _ b: BigInt) throws(PyException) {
        let aw = a.magnitude.words.count
        let bw = b.magnitude.words.count
        guard aw >= bw else { return }
        let cost = (aw - bw + 1).multipliedReportingOverflow(by: bw)
        if cost.partialValue > 1024 || cost.overflow { try charge(cost.overflow ? Int.max / 2 : cost.partialValue / 16) }
    }

    /// Work units charged for `pow(x, exponent, modulus)`: a squaring and a multiplication modulo
    /// `modulus` (and their reductions) per bit of the exponent.
    static func modularPowerCost(modulus: BigInt, exponent: BigInt) -> Int {
        let words = modulus.magnitude.words.count
        let (cost, overflow) = (4 * multiplicationCost(words, words)).multipliedReportingOverflow(by: exponent.magnitude.bitWidth)
        return overflow ? Int.max / 2 : cost
    }

    /// Charges a multiplication of `a` by `b` before it is performed.
    func chargeMultiplication(_ a: BigInt, _ b: BigInt) throws(PyException) {
        let cost = Self.multiplicationCost(a.magnitude.words.count, b.magnitude.words.count)
        if cost > 64 { try charge(cost) }
    }

    /// `base ** exp` for `exp >= 0`, with its size checked first and every step charged, so
    /// that the limits stop a long computation between two multiplications.
    func power(_ base: BigInt, _ exp: Int) throws(PyException) -> BigInt {
        if exp == 0 { return 1 }
        if base == 0 || base == 1 { return base }
        if base == -1 { return exp & 1 == 0 ? 1 : -1 }
        let (bits, overflow) = base.magnitude.bitWidth.multipliedReportingOverflow(by: exp)
        try reserveInt(bits: overflow ? nil : bits)
        var result: BigInt = 1
        var b = base
        var e = exp
        while e > 0 {
            if e & 1 == 1 {
                try chargeMultiplication(result, b)
                result *= b
            }
            e >>= 1
            if e > 0 {
                try chargeMultiplication(b, b)
                b *= b
            }
        }
        return result
    }

    /// `value << shift` for `shift >= 0`, with the result's size checked first.
    func shiftLeft(_ value: BigInt, _ shift: Int) throws(PyException) -> BigInt {
        if value == 0 { return 0 }
        let (bits, overflow) = value.magnitude.bitWidth.addingReportingOverflow(shift)
        try reserveInt(bits: overflow ? nil : bits)
        try charge(bits / 1024)
        return value << shift
    }
}

/// Lets code that cannot throw (the regular expression matcher) charge its work to a VM's budget:
/// once a limit is hit, ``spend(_:)`` answers `false` and keeps the error for the caller to raise.
final class WorkMeter {
    unowned let vm: VirtualMachine
    private(set) var error: PyException?

    init(_ vm: VirtualMachine) { self.vm = vm }

    /// Charges `units`; `false` when a limit ended the run (the work must stop).
    func spend(_ units: Int) -> Bool {
        if error != nil { return false }
        do throws(PyException) {
            try vm.charge(units)
            return true
        } catch {
            self.error = error
            return false
        }
    }

    /// Throws the error of a limit hit while the work ran, if any.
    func check() throws(PyException) {
        if let error { throw error }
    }
}
