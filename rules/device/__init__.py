"""DI-<n>: device independence and keyboard rules, measured in the real browser at real viewports.

The gatherers in auditor/gatherers/device.py and keyboard.py do the measuring; these rules read their artifacts
(`device` per page; `layout`, `textfit`, `keyboard` per viewport) and are pure functions of them.
"""
