"""Command and dispatch rule tables (调度指挥规则), read by one function each; one module per concept."""
