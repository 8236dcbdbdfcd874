"""调度指挥与辅助决策: response activation, decision support, dispatch orders, allocations, requisition
and compensation, after-action evaluation (issue 13; MISSION B4, B6)."""
