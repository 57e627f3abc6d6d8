/// Python run before a program's own code. It defines the `@playbook` decorator, which keeps the
/// playbook call stack as data in the VM (so it is in every snapshot and replays exactly), and
/// the names the runtime's host functions read and write.
///
/// Hidden globals (all start with `__pb_`):
/// - `__pb_stack__`: one dict per running playbook: `playbook`, `step` (the last `Step` id),
///   `returned`/`value` (set by `Return`);
/// - `__pb_transcript__`: messages said, as `(sender, target, text)` tuples;
/// - `__pb_artifacts__`: name -> `{"summary": ..., "content": ...}`;
/// - `__pb_playbooks__`: name -> the wrapped playbook.
enum Prelude {
    static let filename = "<playbooks prelude>"

    /// A Markdown playbook as the prelude defines it: its name and the parameter names its
    /// signature declares (without `$`), bound for the reply's code while it runs.
    struct MarkdownPlaybook: Equatable {
        var name: String
        var parameters: [String] = []
        /// `execution_mode: raw`: one LLM call whose whole reply, as text, is the result.
        var raw = false
    }

    static func source(agent: String, markdownPlaybooks: [String]) -> String {
        source(agent: agent, markdown: markdownPlaybooks.map { MarkdownPlaybook(name: $0) }, settings: AgentLoopSettings())
    }

    static func source(
        agent: String, markdown: [MarkdownPlaybook], settings: AgentLoopSettings, conditions: [ConditionTrigger] = [],
        meetings: [ExecutionProgram.MeetingPlaybook] = [], humans: [String] = []
    ) -> String {
        var text = """
            __pb_agent__ = \(pythonString(agent))
            __pb_stack__ = []
            __pb_transcript__ = []
            __pb_artifacts__ = {}
            __pb_playbooks__ = {}
            __pb_max_llm_rounds__ = \(settings.maxReplies)
            __pb_max_stalled__ = \(settings.maxStalledReplies)
            __pb_shown__ = \(settings.maxShownCharacters)

            def __pb_short__(text):
                if len(text) <= __pb_shown__:
                    return text
                return text[:__pb_shown__] + f"... [cut: {len(text)} characters in all]"

            def __pb_log__(entry):
                if __pb_stack__ and "log" in __pb_stack__[-1]:
                    __pb_stack__[-1]["log"].append(entry)

            def __pb_call_text__(name, args, kwargs):
                shown = [repr(a) for a in args] + [k + "=" + repr(v) for k, v in kwargs.items()]
                return __pb_short__(name + "(" + ", ".join(shown) + ")")

            \(messageSource)
            \(conditionsSource(conditions))
            \(meetingsSource(meetings, humans: humans))
            def playbook(fn=None, **options):
                if fn is None:
                    def __pb_decorate__(f):
                        return playbook(f)
                    return __pb_decorate__
                name = fn.__name__
                async def __pb_run__(*args, **kwargs):
                    frame = {"playbook": name, "step": None, "returned": False, "value": None}
                    __pb_stack__.append(frame)
                    try:
                        result = fn(*args, **kwargs)
                        if type(result).__name__ == "coroutine":
                            result = await result
                    finally:
                        __pb_stack__.pop()
                    if result is None and frame["returned"]:
                        result = frame["value"]
                    __pb_log__(["call", __pb_call_text__(name, args, kwargs), __pb_short__(repr(result))])
                    if __pb_conditions__:
                        await __pb_check_conditions__()
                    return result
                wrapped = __pb_run__
                if name in __pb_meeting_playbooks__:
                    wrapped = __pb_meeting_wrap__(name, __pb_run__)
                __pb_playbooks__[name] = wrapped
                return wrapped

            """
        text += llmLoop
        text += rawLoop
        for playbook in markdown {
            let name = playbook.name
            let parameters = playbook.parameters.filter(isIdentifier)
            text += """

                async def \(name)(*args, **kwargs):
                    result = await \(playbook.raw ? "__pb_llm_raw__" : "__pb_llm_playbook__")(\(pythonString(name)), list(args), kwargs, \(pythonList(parameters)), __pb_bind_\(name)__)
                    __pb_log__(["call", __pb_call_text__(\(pythonString(name)), args, kwargs), __pb_short__(repr(result))])
                    return result
                __pb_playbooks__[\(pythonString(name))] = \(name)

                """
            if meetings.contains(where: { $0.name == name }) {
                text += "\(name) = __pb_meeting_wrap__(\(pythonString(name)), \(name))\n"
                text += "__pb_playbooks__[\(pythonString(name))] = \(name)\n"
            }
            text += binder(name: name, parameters: parameters)
        }
        return text
    }

    /// `__pb_bind_NAME__(values)`: binds a Markdown playbook's parameters as names of the reply's
    /// code (module globals, where the reply runs) and returns a function that puts back what
    /// those names were before, when the playbook returns.
    static func binder(name: String, parameters: [String]) -> String {
        guard !parameters.isEmpty else {
            return "\ndef __pb_bind_\(name)__(values):\n    return None\n"
        }
        let names = parameters.joined(separator: ", ")
        var text = "\ndef __pb_bind_\(name)__(values):\n    global \(names)\n    old = {}\n"
        for p in parameters {
            text += "    try:\n        old[\(pythonString(p))] = \(p)\n    except NameError:\n        pass\n"
            text += "    if \(pythonString(p)) in values:\n        \(p) = values[\(pythonString(p))]\n"
        }
        text += "    def restore():\n        global \(names)\n"
        for p in parameters {
            text += "        if \(pythonString(p)) in old:\n            \(p) = old[\(pythonString(p))]\n"
            text += "        else:\n            try:\n                del \(p)\n            except NameError:\n                pass\n"
        }
        text += "    return restore\n"
        return text
    }

    /// How a Markdown playbook runs: ask the LLM, run each statement of its reply as it arrives
    /// (`__PBNext__` hands them over one by one), and ask again with what happened until the
    /// playbook returns. The loop's state — the conversation, the response so far, how much of it
    /// ran, the log of what the response did — is data in the playbook's frame, so it is in every
    /// snapshot and replays exactly.
    ///
    /// `__PBNext__` answers a statement `[text, line, rest]` (`rest`: the statements not yet handed over, once the
    /// reply has ended; a fourth element: the reply's token usage, once) or the end of the reply: `None`, or
    /// `{"usage": ...}` when the usage was not handed over yet. The host counts the usage (``LLMUsageTotals``).
    /// An error whose message starts with "LLM budget exceeded" is not shown to the model: it ends the execution.
    ///
    /// The conversation is a list of turns: `["user", text]`, `["assistant", text]`, and after each
    /// reply that did not return `["log", entries, changed_state, ending]` — what the reply's
    /// statements did (see ``ResponseLog``), rendered for the model by ``PromptBuilder``.
    static let llmLoop = """

        __pb_llm_calls__ = [0]
        __pb_llm_key_calls__ = {}

        def __pb_state_now__():
            return {k: __pb_short__(repr(v)) for k, v in __pb_state__.items()}

        async def __pb_llm_playbook__(name, args, kwargs, params, bind):
            frame = {"playbook": name, "step": None, "returned": False, "value": None,
                     "conversation": [], "response": "", "executed": "", "call": None, "key_call": None, "rest": None,
                     "statement": "", "statement_record": None, "log": []}
            values = {}
            for i in range(len(params)):
                if i < len(args):
                    values[params[i]] = args[i]
                elif params[i] in kwargs:
                    values[params[i]] = kwargs[params[i]]
            old_state = {}
            for p in values:
                if p in __pb_state__:
                    old_state[p] = __pb_state__[p]
                __pb_state__[p] = values[p]
            restore = bind(values)
            __pb_stack__.append(frame)
            try:
                prompt = await __PBPrompt__(name, args, kwargs)
                frame["conversation"].append(["user", prompt])
                seen = __pb_state_now__()
                rounds = 0
                stalled = 0
                last_problem = None
                while True:
                    rounds += 1
                    if rounds > __pb_max_llm_rounds__:
                        raise RuntimeError(f"playbook {name} did not return after {rounds - 1} LLM calls")
                    __pb_llm_calls__[0] += 1
                    frame["call"] = __pb_llm_calls__[0] - 1
                    frame["key_call"] = __pb_llm_key_calls__.get(name, 0)
                    __pb_llm_key_calls__[name] = frame["key_call"] + 1
                    frame["response"] = ""
                    frame["executed"] = ""
                    frame["rest"] = None
                    frame["log"] = []
                    step_before = frame["step"]
                    await __PBStart__(name, frame["call"])
                    failure = None
                    statements = 0
                    while True:
                        piece = await __PBNext__()
                        if piece is None or isinstance(piece, dict):
                            break
                        text, line = piece[0], piece[1]
                        if piece[2] is not None:
                            frame["rest"] = piece[2]
                        elif frame["rest"]:
                            frame["rest"].pop(0)
                        frame["response"] += text
                        frame["statement"] = text
                        statements += 1
                        try:
                            await __pb_run__(text, line)
                        except Exception as e:
                            if str(e).startswith("LLM budget exceeded"):
                                raise
                            failure = [type(e).__name__, __pb_short__(str(e))]
                            frame["log"].append(["error", line, failure[0], failure[1], text])
                            break
                        frame["executed"] += text
                        if __pb_conditions__:
                            await __pb_check_conditions__()
                        if frame["returned"]:
                            break
                    frame["conversation"].append(["assistant", frame["response"]])
                    if frame["returned"]:
                        return frame["value"]
                    now = __pb_state_now__()
                    changed = [[k, now[k]] for k in now if seen.get(k) != now[k]]
                    seen = now
                    if failure is not None:
                        ending = "error"
                        problem = failure
                    elif statements == 0:
                        ending = "nocode"
                        problem = "nocode"
                    else:
                        ending = "end"
                        problem = None
                    frame["conversation"].append(["log", frame["log"], changed, ending])
                    if problem is not None and problem == last_problem and frame["step"] == step_before:
                        stalled += 1
                    elif problem is not None:
                        stalled = 1
                    else:
                        stalled = 0
                    last_problem = problem
                    if stalled >= __pb_max_stalled__:
                        what = "replies with no code" if problem == "nocode" else f"the same error: {problem[0]}: {problem[1]}"
                        raise RuntimeError(f"playbook {name} made no progress in {stalled} LLM replies in a row ({what})")
            finally:
                __pb_stack__.pop()
                if restore is not None:
                    restore()
                for p in values:
                    if p in old_state:
                        __pb_state__[p] = old_state[p]
                    elif p in __pb_state__:
                        del __pb_state__[p]

        """

    /// How a `raw` Markdown playbook runs: one LLM call (`__PBText__`) whose whole reply is the
    /// result, as text; nothing of it runs as code.
    static let rawLoop = """

        async def __pb_llm_raw__(name, args, kwargs, params, bind):
            frame = {"playbook": name, "step": None, "returned": False, "value": None,
                     "conversation": [], "response": "", "executed": "", "call": None, "key_call": None, "rest": None,
                     "statement": "", "statement_record": None, "log": []}
            __pb_stack__.append(frame)
            try:
                prompt = await __PBPrompt__(name, args, kwargs)
                frame["conversation"].append(["user", prompt])
                __pb_llm_calls__[0] += 1
                frame["call"] = __pb_llm_calls__[0] - 1
                frame["key_call"] = __pb_llm_key_calls__.get(name, 0)
                __pb_llm_key_calls__[name] = frame["key_call"] + 1
                return await __PBText__(name, frame["call"])
            finally:
                __pb_stack__.pop()

        """

    /// The agent's condition triggers (see ``ConditionTrigger``): `[playbook, condition, held]`
    /// entries, and the check that runs a playbook when its condition has become true.
    static func conditionsSource(_ conditions: [ConditionTrigger]) -> String {
        let entries = conditions.map { "[\(pythonString($0.playbook)), lambda: (\($0.expression)), False]" }
        return """
            __pb_conditions__ = [\(entries.joined(separator: ", "))]
            __pb_checking__ = [False]

            async def __pb_check_conditions__():
                if __pb_checking__[0]:
                    return
                __pb_checking__[0] = True
                try:
                    for entry in __pb_conditions__:
                        try:
                            now = bool(entry[1]())
                        except Exception:
                            now = False
                        if now and not entry[2]:
                            entry[2] = True
                            await __pb_playbooks__[entry[0]]()
                        elif not now:
                            entry[2] = False
                finally:
                    __pb_checking__[0] = False

            """ + (conditions.isEmpty ? "" : checkedBuiltins)
    }

    /// For an agent with condition triggers: the built-ins its code awaits check the conditions
    /// first, so a change of a variable is seen at the agent's next await.
    static var checkedBuiltins: String {
        var text = ""
        for name in ["Step", "Say", "SendMessage", "SaveArtifact", "LoadArtifact", "Return"] {
            text += """

                __pb_host_\(name)__ = \(name)

                async def \(name)(*args, **kwargs):
                    await __pb_check_conditions__()
                    return await __pb_host_\(name)__(*args, **kwargs)

                """
        }
        return text
    }

    /// `Message`, what `WaitForMessage` returns: it acts as its text (compares, hashes, formats,
    /// concatenates and has the methods of a `str`), and tells who sent it: `content`,
    /// `sender_id` (`"user"` or the agent), `sender_klass`, `recipient_id`, `meeting_id` (the
    /// meeting it was said in, or `None`) and `message_type` (`"direct"` or `"meeting"`). Where a
    /// value must be plain data (a reply to another agent, the result, shared state) a message
    /// is its text (`__pb_plain__`). The agent's `WaitForMessage` / `Yield` host built-ins are
    /// wrapped to return one; a society's prelude wraps its own (see ``society(agents:own:)``).
    static let messageSource = """
        class Message:
            __pb_plain__ = "content"
            def __init__(self, content, sender_id="user", recipient_id=None, meeting_id=None):
                self.content = content
                self.sender_id = sender_id
                self.sender_klass = "human" if sender_id == "user" else sender_id.split("#")[0]
                self.recipient_id = __pb_agent__ if recipient_id is None else recipient_id
                self.meeting_id = meeting_id
                self.message_type = "direct" if meeting_id is None else "meeting"
            def __str__(self):
                return self.content
            def __repr__(self):
                return repr(self.content)
            def __format__(self, spec):
                return format(self.content, spec)
            def __eq__(self, other):
                return self.content == (other.content if isinstance(other, Message) else other)
            def __ne__(self, other):
                return not self == other
            def __lt__(self, other):
                return self.content < str(other)
            def __le__(self, other):
                return self.content <= str(other)
            def __gt__(self, other):
                return self.content > str(other)
            def __ge__(self, other):
                return self.content >= str(other)
            def __hash__(self):
                return hash(self.content)
            def __len__(self):
                return len(self.content)
            def __bool__(self):
                return len(self.content) > 0
            def __getitem__(self, index):
                return self.content[index]
            def __iter__(self):
                return iter(self.content)
            def __contains__(self, part):
                return str(part) in self.content
            def __add__(self, other):
                return self.content + other
            def __radd__(self, other):
                return other + self.content
            def __mul__(self, n):
                return self.content * n
            def __rmul__(self, n):
                return self.content * n
            def __mod__(self, values):
                return self.content % values
            def __int__(self):
                return int(self.content)
            def __float__(self):
                return float(self.content)
            def __getattr__(self, name):
                if name.startswith("__"):
                    raise AttributeError(name)
                return getattr(self.content, name)

        __pb_wait_text__ = WaitForMessage

        __pb_yield_text__ = Yield

        def __pb_user_message__(text, source):
            return Message(text)

        async def WaitForMessage(source="user"):
            return __pb_user_message__(await __pb_wait_text__(source), source)

        async def Yield(source="user"):
            return __pb_user_message__(await __pb_yield_text__(source), source)

        """

    /// The agent's meeting playbooks: calling one hosts a meeting (it invites the attendees its
    /// metadata names and those of an `attendees=[...]` argument, waits for the required ones to
    /// join, runs, and ends the meeting when it returns); running one because of an invitation
    /// joins that meeting (and leaves it on return, or when the host ends it). While in a meeting,
    /// `meeting` is the meeting (`meeting.shared_state` is the state all participants share,
    /// `meeting.attendees`, `meeting.host`), `Say("meeting", ...)` speaks to all its participants
    /// and `WaitForMessage("meeting")` waits for any of them. The shared state is the host's
    /// data: a participant's changes are published at its next await that completes, and it sees
    /// the others' at each of its awaits (see ``ExecutionRunner``'s meeting extension).
    ///
    /// `humans`: the program's human agents. In a program of one AI agent (whose `WaitForMessage`
    /// is the host's, returning text), the user's message taken while in a meeting with human
    /// attendees is made a message of the meeting from the human, as the runtime takes it (see
    /// ``ExecutionRunner/humanSpeaker(for:from:)``); a society's prelude has its own.
    static func meetingsSource(_ meetings: [ExecutionProgram.MeetingPlaybook], humans: [String] = []) -> String {
        let entries = meetings.map { "\(pythonString($0.name)): [\(pythonList($0.required)), \(pythonList($0.optional))]" }
        var text = "__pb_meeting_playbooks__ = {\(entries.joined(separator: ", "))}\n"
        guard !meetings.isEmpty else { return text }
        text += """
            __pb_joining__ = [None]
            __pb_meeting__ = None
            __pb_meeting_shared__ = None
            __pb_meeting_seen__ = None
            meeting = None

            __pb_humans__ = \(pythonList(["user", "human"] + humans))

            def __pb_user_message__(text, source):
                if meeting is not None:
                    present = [a for a in meeting.attendees if a in __pb_humans__]
                    if present and source == "meeting":
                        return Message(text, present[0], __pb_agent__, meeting.id)
                    if source in present:
                        return Message(text, source, __pb_agent__, meeting.id)
                return Message(text)

            class Meeting:
                def __init__(self, id, topic, host, attendees, shared_state):
                    self.id = id
                    self.topic = topic
                    self.host = host
                    self.attendees = attendees
                    self.shared_state = shared_state
                def __repr__(self):
                    return f"<meeting {self.id}: {self.topic}, host {self.host}, attendees {self.attendees}>"

            def __pb_meeting_wrap__(name, fn):
                async def __pb_meeting_run__(*args, **kwargs):
                    global meeting, __pb_meeting__, __pb_meeting_shared__, __pb_meeting_seen__
                    joining = __pb_joining__[0]
                    __pb_joining__[0] = None
                    outer = [meeting, __pb_meeting__, __pb_meeting_shared__, __pb_meeting_seen__]
                    if joining is None:
                        required = list(__pb_meeting_playbooks__[name][0])
                        invited = required + [a for a in __pb_meeting_playbooks__[name][1] if a not in required]
                        for a in kwargs.pop("attendees", None) or []:
                            if a not in invited:
                                invited.append(a)
                        info = await __PBMeetingStart__(name, invited, required)
                    else:
                        info = await __PBMeetingJoin__(joining)
                    shared = dict(info[3])
                    meeting = Meeting(info[0], name, info[1], info[2], shared)
                    __pb_meeting__ = info[0]
                    __pb_meeting_shared__ = shared
                    __pb_meeting_seen__ = dict(info[3])
                    try:
                        if joining is None:
                            await __PBMeetingReady__(info[0])
                            return await fn(*args, **kwargs)
                        try:
                            return await fn(*args, **kwargs)
                        except Exception as e:
                            if str(e).startswith("the meeting ended"):
                                return None
                            raise
                    finally:
                        meeting = outer[0]
                        __pb_meeting__ = outer[1]
                        __pb_meeting_shared__ = outer[2]
                        __pb_meeting_seen__ = outer[3]
                        if joining is None:
                            await __PBMeetingEnd__(info[0])
                        else:
                            await __PBMeetingLeave__(info[0])
                return __pb_meeting_run__

            """
        return text
    }

    /// The statement appended after the program's Python code: it runs the entry playbook.
    static func entry(_ name: String) -> String {
        "__pb_result__ = await __pb_playbooks__[\(pythonString(name))]()\n"
    }

    /// The statement appended after the code of an agent other than the main one: it runs the
    /// agent's start playbooks, then serves the calls other agents make of its playbooks.
    static func serving(_ starts: [String]) -> String {
        "__pb_result__ = await __pb_serve__(\(pythonList(starts)))\n"
    }

    /// What an agent of a society adds to the prelude: serving calls from other agents — when it
    /// is idle, and while it waits for a message (`WaitForMessage` serves the calls that come
    /// first) — and an object for each other agent whose methods call that agent's playbooks
    /// (`await Accountant.Balance("alice")`; `CreateAgent("Klass")` returns one for a new agent): a request, then its reply — both awaits, so both
    /// are journaled and a resume neither repeats nor loses the call.
    static func society(agents: [String], own: String) -> String {
        var text = """

            async def __pb_remote__(agent, name, args, kwargs):
                request = await __PBRequest__(agent, name, args, kwargs)
                return await __PBAwaitReply__(request)

            async def __pb_handle__(request):
                if len(request) > 4 and request[4] is not None:
                    # An invitation to meeting request[4]: join it by running the meeting playbook.
                    __pb_joining__[0] = request[4]
                    try:
                        await __pb_playbooks__[request[1]]()
                    except Exception:
                        pass
                    __pb_joining__[0] = None
                    return
                if request[0] == 0:
                    # A playbook a message triggered: nobody waits for its result, an error ends the agent.
                    args, kwargs = request[2], request[3]
                    if len(request) > 5:
                        message = __pb_message__(request[5])
                        args = [message for a in args]
                        if "message" in kwargs:
                            kwargs["message"] = message
                    await __pb_playbooks__[request[1]](*args, **kwargs)
                    return
                value = None
                failure = None
                try:
                    value = await __pb_playbooks__[request[1]](*request[2], **request[3])
                except Exception as e:
                    failure = [type(e).__name__, str(e)]
                await __PBReply__(request[0], value, failure)

            async def __pb_serve__(starts):
                for name in starts:
                    await __pb_playbooks__[name]()
                while True:
                    await __pb_handle__(await __PBIdle__())

            def __pb_message__(got):
                # `got`: [text, sender] and, from this version on, the name it was sent to
                # (`"meeting"`: said in the agent's meeting) and, for a message of the user said
                # in a meeting, the human attendee it comes from.
                target = got[2] if len(got) > 2 else None
                sender = got[3] if len(got) > 3 else got[1]
                if target == "meeting":
                    return Message(got[0], sender, __pb_agent__, __pb_meeting__)
                return Message(got[0], sender, target)

            async def WaitForMessage(source="user"):
                while True:
                    got = await __PBWait__(source)
                    if got[0] == "message":
                        return __pb_message__(got[1:])
                    await __pb_handle__(got[1])

            Yield = WaitForMessage

            """
        text += """

            class __PBAgent__:
                def __init__(self, id, klass):
                    self.id = id
                    self.klass = klass
                def __repr__(self):
                    return "<agent " + self.id + ">"
                def __getattr__(self, name):
                    if name.startswith("_"):
                        raise AttributeError(name)
                    async def __pb_call__(*args, **kwargs):
                        return await __pb_remote__(self.id, name, list(args), kwargs)
                    return __pb_call__
                async def get_or_create(self, **kwargs):
                    # An idle agent of this agent's class, or a new one (`kwargs`: its `$` state).
                    return __PBAgent__(await __PBGetOrCreateAgent__(self.klass, kwargs), self.klass)

            async def CreateAgent(klass, **kwargs):
                return __PBAgent__(await __PBCreateAgent__(klass, kwargs), klass)

            """
        // An agent class's name is the object that calls its first agent (one small object per
        // class: the playbooks are looked up when called, and checked by the runtime), and whose
        // `get_or_create` gives an agent of the class. An agent's own class is bound too, for
        // `Klass.get_or_create()` (calling a playbook of itself through it is an error that says so).
        for agent in agents where isIdentifier(agent) {
            text += "\(agent) = __PBAgent__(\(pythonString(agent)), \(pythonString(agent)))\n"
        }
        return text
    }

    /// What the prelude of a program with one agent class adds: `CreateAgent` and
    /// `Klass.get_or_create` raise an error that says why they cannot run (making agents needs
    /// a society, a program of two agent classes or more). The class name is bound to a class
    /// (not listed with the program's names) unless a playbook has that name.
    static func solo(agent: String, playbooks: [String]) -> String {
        let why =
            "creating agents needs a program with two agent classes or more (`# Name` headings of AI agents); "
            + "this program has one, \(agent)"
        var text = """

            async def CreateAgent(klass, **kwargs):
                raise RuntimeError("CreateAgent(" + repr(klass) + "): " + \(pythonString(why)))

            """
        if isIdentifier(agent), !playbooks.contains(agent) {
            text += """
                class \(agent):
                    async def get_or_create(**kwargs):
                        raise RuntimeError(\(pythonString(agent + ".get_or_create(): " + why)))

                """
        }
        return text
    }

    static func pythonList(_ items: [String]) -> String {
        "[" + items.map(pythonString).joined(separator: ", ") + "]"
    }

    /// Whether `name` can be bound as a Python name (ASCII letters, digits, `_`; not a keyword).
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        let ok = name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
        return ok && !keywords.contains(name)
    }

    static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]

    static func pythonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += "\\x" + String(format2: scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate init(format2 value: UInt32) {
        let h = String(value, radix: 16)
        self = h.count < 2 ? "0" + h : h
    }
}
