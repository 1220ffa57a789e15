"""PRR501's documentation, the part on code that runs only when a person answers a question (project/schedules.py
`interactive_tools`, answer_gates.py): kept apart so each docs module stays short; timeout_docs.py joins it in place."""

ASKING_DOCS = """A command that starts a server or a worker is the service, unless it first asks the person at the terminal
        (`click.confirm`, `input()`, rich's `Confirm.ask`: "restart the worker? only for development use") and no
        deployment file runs it by name: in a container or under a supervisor nobody answers, so it is an
        operator's (project/schedules.py `interactive_tools`). Nor in code only a person's answer runs: what an `if` body calls
        when its test cannot be true unless a terminal question (`input()`, `click.confirm`, rich's `Confirm.ask`) or a desktop
        dialog (Qt's `QMessageBox.exec_()`, tkinter's `messagebox.askyesno`) returned, or a project helper whose every return
        that may be true needs one (a yes/no box that falls back to `input()`), and what only such calls and dead code reach (an
        engine's install step downloading a model after "Download the weights?"): nobody answers a daemon, `input()` raises
        EOFError there; a test a setting makes true without asking (`AUTO or confirm()`), a helper that answers yes by itself
        and a call made outside the branch keep it (project/answer_gates.py, main_blocks.py `answered_only`). """
