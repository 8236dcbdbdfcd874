"""The outbox (发件箱): every delivery that leaves the platform, whatever its channel.

A change that must reach someone outside writes an `OutboxMessage` in its own transaction
(`services.enqueue`); the worker delivers it after commit (`tasks`), through the channel's adapter
(`channels`), with backoff and a dead letter after the last attempt (`delivery`).
"""
