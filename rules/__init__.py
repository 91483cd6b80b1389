"""Audit rules, one module per rule or small family, grouped by area. See auditor/registry.py."""
