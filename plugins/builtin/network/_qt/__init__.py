"""Qt side of the network plugin: the Networks panel."""
