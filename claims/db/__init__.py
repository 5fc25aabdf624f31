"""Database routing: reads to streaming replicas, everything that must see the latest data to the primary."""
