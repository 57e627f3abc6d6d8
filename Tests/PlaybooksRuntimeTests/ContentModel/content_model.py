#!/usr/bin/env python3
"""A stand-in for a real model: an HTTP server that speaks the OpenAI chat-completions and the
Anthropic messages streaming formats and writes each reply *from the content of the request*.

It knows how the example agents (Examples/travel, Examples/customer_support) should act, but it
knows nothing of the conversation except what the request tells it: the user's city, the flight
number, the order id and the order's fields are read out of the messages the runtime sent. If the
runtime did not tell the model what happened (what the user said, what a playbook returned, which
statement failed), the replies say so and end the playbook without doing the task — so a test
against this server fails when the runtime hides what happened.

Usage: content_model.py [--port N] [--log FILE] [--port-file FILE]
Prints "PORT <n>" on stdout once it listens (and writes <n> to FILE with --port-file). Every request body is appended to FILE (one JSON
object per line) when --log is given.
"""
import argparse
import json
import os
import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def messages_of(body, anthropic):
    """[(role, text)] of the request, the system prompt first."""
    out = []
    if anthropic:
        system = body.get("system")
        if isinstance(system, list):
            system = "".join(block.get("text", "") for block in system)
        if system:
            out.append(("system", system))
    for m in body.get("messages", []):
        content = m.get("content")
        if isinstance(content, list):
            content = "".join(block.get("text", "") for block in content if isinstance(block, dict))
        out.append((m.get("role"), content or ""))
    return out


def code(*lines):
    return "```python\n" + "\n".join(lines) + "\n```\n"


def received(text):
    """Messages the user sent, as the runtime showed them: `Message from user: "..."`."""
    return re.findall(r'Message from user: "([^"\n]*)"', text)


def travel(call, later):
    """TravelAgent.Main: greet, ask the city, search, offer the cheapest flight, book it."""
    words = received(later)
    if not words:
        if "Message from user" in later or "SearchFlights" in later:
            return "I cannot see what the user answered.\n" + code('await Say("user", "Sorry, I did not get your answer.")', "await Return(None)")
        if later:
            return "I have asked; now I wait.\n" + code('answer = await WaitForMessage("user")')
        return "I greet the user and ask where to.\n" + code(
            'await Step("Main:01:QUE")',
            'await Say("user", "Hello! Where would you like to fly?")',
            'await Step("Main:02:YLD")',
            'answer = await WaitForMessage("user")')
    search = re.search(r"SearchFlights\('([^']*)'\) returned (.*)", later)
    if search is None:
        cities = re.findall(r"\b([A-Z][a-z]{2,})\b", words[-1])
        cities = [c for c in cities if c not in ("I", "To", "Hello", "Please", "Yes", "No", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")]
        if not cities:
            return code('await Say("user", "Which city?")', 'answer = await WaitForMessage("user")')
        return f"The user wants to fly to {cities[-1]}.\n" + code(
            'await Step("Main:03:EXE")', f'flights = await SearchFlights("{cities[-1]}")')
    numbers = re.findall(r"'number': '([A-Z]{2}\d{2,4})'", search.group(2))
    if not numbers:
        if search.group(2).strip() == "[]":
            return code('await Step("Main:04:CND")', 'await Say("user", "There are no flights there, sorry.")', "await Return(None)")
        return "I cannot read the search result.\n" + code("await Return(None)")
    if len(words) < 2:
        return f"The cheapest flight is {numbers[0]}.\n" + code(
            'await Step("Main:05:QUE")',
            f'await Say("user", "The cheapest flight is {numbers[0]}. Shall I book it?")',
            'answer = await WaitForMessage("user")')
    if "yes" not in words[-1].lower():
        return code('await Step("Main:07:EXE")', 'await Say("user", "Alright, I will not book it.")', "await Return(None)")
    if "BookFlight(" not in later:
        return f"The user agreed: booking {numbers[0]}.\n" + code(
            'await Step("Main:06:CND")', f'booking = await BookFlight("{numbers[0]}")')
    booked = re.search(r"BookFlight\('[^']*'\) returned '([^']*)'", later)
    if booked is None:
        return "The booking result is missing.\n" + code("await Return(None)")
    return code(
        f'await Say("user", "Booked! Your reference is {booked.group(1)}.")',
        'await Step("Main:08:RET")',
        f'await Return("{booked.group(1)}")')


def support_main(call, later):
    """SupportAgent.Main: greet, read the order id from the user's message, hand over to HandleRefund."""
    words = received(later)
    if not words:
        if later:
            return "I cannot see the customer's request.\n" + code('await Say("user", "Sorry, I lost your message.")', "await Return(None)")
        return code(
            'await Step("Main:01:QUE")',
            'await Say("user", "Hi, this is Acme Coffee Gear support. What can I do for you?")',
            'await Step("Main:02:YLD")',
            'request = await WaitForMessage("user")')
    ticket = re.search(r"HandleRefund\('([^']*)'\) returned (\{.*\})", later)
    if ticket is None:
        order = re.search(r"\b([A-Z]-\d{4})\b", words[-1].upper())
        if order is None:
            return code('await Say("user", "Which order is it about?")', 'request = await WaitForMessage("user")')
        return code(
            'await Step("Main:03:EXE")',
            f'ticket = await HandleRefund("{order.group(1)}")',
            'await Say("user", ticket["message"])',
            'await Step("Main:06:QUE")',
            'await Say("user", "Is there anything else I can help you with?")',
            'await Step("Main:07:YLD")',
            'answer = await WaitForMessage("user")')
    if len(words) < 2:
        return code('answer = await WaitForMessage("user")')
    ticket_id = re.search(r"'id': '([^']*)'", ticket.group(2))
    return code(
        'await Step("Main:08:RET")',
        'await Say("user", "Thanks for contacting Acme Coffee Gear. Enjoy your coffee!")',
        f'await Return("{ticket_id.group(1) if ticket_id else None}")')


def support_refund(call, later):
    """SupportAgent.HandleRefund: look the order up (first reading a key that does not exist),
    correct the key once the error and the order's fields are shown, refund, file the ticket."""
    order_id = re.search(r"Run the playbook HandleRefund\('([^']*)'\)", call)
    if order_id is None:
        return "I do not know which order.\n" + code("await Return(None)")
    if not later:
        # Uses the bound parameter, and gets the amount's key wrong on purpose.
        return code(
            'await Step("HandleRefund:01:EXE")',
            'order = await CheckOrder(order_id)',
            'await Step("HandleRefund:02:CND")',
            'amount = order["total"]')
    failed = re.search(r"failed with KeyError: '(\w+)'", later)
    fields = re.search(r"CheckOrder\('[^']*'\) returned (\{.*\})", later)
    if failed is None or fields is None:
        return "I cannot see what went wrong.\n" + code("await Return(None)")
    keys = re.findall(r"'(\w+)': ", fields.group(1))
    key = "amount" if "amount" in keys else None
    if key is None:
        return code("await Return(None)")
    refundable = "'refundable': True" in fields.group(1)
    if not refundable:
        return code(
            'await Step("HandleRefund:02.01:EXE")',
            'await Return({"id": "T-" + order_id, "message": "This order cannot be refunded; I filed a ticket."})')
    return f"The amount is under '{key}'.\n" + code(
        f'amount = order["{key}"]',
        'await Step("HandleRefund:03:EXE")',
        'refund_id = await IssueRefund(order_id, amount)',
        'await Step("HandleRefund:04:EXE")',
        'ticket = {"id": "T-" + order_id.replace("-", ""), "refund_id": refund_id, '
        '"message": f"Your refund of ${amount} is on its way (refund {refund_id})."}',
        'await SaveArtifact("ticket-" + ticket["id"], "Refund of " + order_id, str(ticket))',
        'await Step("HandleRefund:05:RET")',
        'await Return(ticket)')


def reply_for(messages):
    system = messages[0][1] if messages and messages[0][0] == "system" else ""
    turns = [m for m in messages if m[0] != "system"]
    call = turns[0][1] if turns else ""
    later = "\n".join(text for role, text in turns[1:] if role == "user")
    agent = re.search(r"You are (\w+)", system)
    playbook = re.search(r"Run the playbook (\w+)\(", call)
    key = (agent.group(1) if agent else "", playbook.group(1) if playbook else "")
    policies = {
        ("TravelAgent", "Main"): travel,
        ("SupportAgent", "Main"): support_main,
        ("SupportAgent", "HandleRefund"): support_refund,
    }
    policy = policies.get(key)
    if policy is None:
        return f"I do not know the playbook {key}.\n" + code("await Return(None)")
    return policy(call, later)


def chunks(text, size=7):
    return [text[i:i + size] for i in range(0, len(text), size)]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    log_file = None

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("content-length", "0"))
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw)
        except ValueError:
            self.send_error(400, "bad json")
            return
        if Handler.log_file:
            with open(Handler.log_file, "a", encoding="utf-8") as f:
                f.write(json.dumps({"path": self.path, "body": body}) + "\n")
        anthropic = self.path.endswith("/messages")
        reply = reply_for(messages_of(body, anthropic))
        prompt_chars = sum(len(t) for _, t in messages_of(body, anthropic))
        usage_in, usage_out = prompt_chars // 4, len(reply) // 4
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("transfer-encoding", "chunked")
        self.end_headers()
        events = []
        if anthropic:
            events.append(("message_start", {"type": "message_start", "message": {"id": "m", "role": "assistant", "content": [], "usage": {"input_tokens": usage_in, "output_tokens": 1}}}))
            events.append(("content_block_start", {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}))
            for piece in chunks(reply):
                events.append(("content_block_delta", {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": piece}}))
            events.append(("content_block_stop", {"type": "content_block_stop", "index": 0}))
            events.append(("message_delta", {"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": {"output_tokens": usage_out}}))
            events.append(("message_stop", {"type": "message_stop"}))
            lines = [f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in events]
        else:
            lines = []
            for piece in chunks(reply):
                lines.append("data: " + json.dumps({"id": "c", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}) + "\n\n")
            lines.append("data: " + json.dumps({"id": "c", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}], "usage": {"prompt_tokens": usage_in, "completion_tokens": usage_out, "total_tokens": usage_in + usage_out}}) + "\n\n")
            lines.append("data: [DONE]\n\n")
        for line in lines:
            data = line.encode("utf-8")
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--log")
    parser.add_argument("--port-file")
    args = parser.parse_args()
    Handler.log_file = args.log
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as f:
            f.write(str(server.server_address[1]))
        os.replace(args.port_file + ".tmp", args.port_file)
    print(f"PORT {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
