from search_retry_feeder.feeder import Feeder

Feeder().run()
