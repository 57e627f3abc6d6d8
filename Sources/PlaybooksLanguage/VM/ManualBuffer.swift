extension UnsafeMutablePointer {
    /// Moves the first `count` elements into a new allocation of `capacity` elements, frees this
    /// one, and returns the new one (the growth step of the interpreter's manual stacks).
    func movedToNewAllocation(count: Int, capacity: Int) -> UnsafeMutablePointer<Pointee> {
        let bigger = UnsafeMutablePointer<Pointee>.allocate(capacity: capacity)
        bigger.moveInitialize(from: self, count: count)
        deallocate()
        return bigger
    }
}
