"""The demo county's command records (live responses, orders, a requisition), one builder per module."""
