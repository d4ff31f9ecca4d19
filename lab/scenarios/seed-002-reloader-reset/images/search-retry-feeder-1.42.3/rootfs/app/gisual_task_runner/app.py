import logging
import signal
import sys

logging.basicConfig(format="%(asctime)s %(levelname)s %(message)s", level=logging.INFO, stream=sys.stdout)


class TaskRunner:
    """Runs a task's start/execute cycle; any exception ends the process for a clean reconnection."""

    def __init__(self, name):
        self.logger = logging.getLogger(name)
        self.stored = []
        self.stopping = False
        signal.signal(signal.SIGTERM, self._on_sigterm)

    def _on_sigterm(self, *_):
        self.logger.info("SIGTERM received, finishing the current iteration")
        self.stopping = True

    def start(self):
        pass

    def execute(self):
        raise NotImplementedError

    def run(self):
        try:
            self.start()
            self.execute()
        except Exception as error:
            self.logger.exception(str(error))
            raise  # Intentional: crash for clean reconnection
        finally:
            self.logger.info("republishing %d stored messages before shutdown", len(self.stored))
            sys.stdout.flush()
