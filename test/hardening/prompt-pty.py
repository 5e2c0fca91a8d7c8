"""Runs a command with its stdin and stderr on a pseudo-terminal and types a password at each prompt.

Usage: prompt-pty.py PROMPT... -- COMMAND...; the password comes from $PROMPT_PASSWORD (not argv).
Prints JSON: exit status, everything the terminal showed, and stdout (base64). The terminal
transcript lets the test check that the typed password was never echoed.
"""
import base64
import json
import os
import pty
import select
import subprocess
import sys
import time

TIMEOUT = 60.0


def read_until(master, transcript, wanted, deadline):
    while wanted not in transcript:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"no {wanted!r} on the terminal; saw {transcript!r}")
        ready, _, _ = select.select([master], [], [], remaining)
        if ready:
            chunk = os.read(master, 4096)
            if not chunk:
                raise EOFError(f"terminal closed before {wanted!r}; saw {transcript!r}")
            transcript += chunk
    return transcript


def drain(master, transcript):
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the child closed its end of the terminal
            return transcript
        if not chunk:
            return transcript
        transcript += chunk


def main():
    split = sys.argv.index("--")
    prompts, command = sys.argv[1:split], sys.argv[split + 1:]
    password = os.environ["PROMPT_PASSWORD"].encode()
    master, slave = pty.openpty()
    child = subprocess.Popen(command, stdin=slave, stderr=slave, stdout=subprocess.PIPE)
    os.close(slave)
    deadline = time.monotonic() + TIMEOUT
    transcript = b""
    for prompt in prompts:
        transcript = read_until(master, transcript, prompt.encode(), deadline)
        os.write(master, password + b"\r")
    stdout = child.communicate(timeout=TIMEOUT)[0]
    transcript = drain(master, transcript)
    print(json.dumps({
        "status": child.returncode,
        "terminal": transcript.decode("utf-8", "replace"),
        "stdout": base64.b64encode(stdout).decode(),
    }))


main()
