"""The recycle bin: nothing is deleted; records are moved to the bin and admins restore them."""
