def attempt(label, fn):
    try:
        fn()
    except Exception as e:
        print(f"{label:>10}: {type(e).__name__}: {e}")

attempt("key", lambda: {"a": 1}["x"])
attempt("index", lambda: [][1])
attempt("zero", lambda: 1 / 0)
attempt("intparse", lambda: int("abc"))
attempt("none+1", lambda: None + 1)
attempt("str+int", lambda: "a" + 1)
attempt("int+str", lambda: 1 + "a")
attempt("attr", lambda: [].foo)
attempt("len", lambda: len(5))
attempt("strindex", lambda: "abc".index("z"))
attempt("float", lambda: float("x"))
five = 5
nothing = None
attempt("subscr", lambda: five[0])
attempt("call", lambda: nothing())
attempt("iter", lambda: [x for x in five])
