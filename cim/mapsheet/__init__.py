"""Map-sheet geometry, Qt-free and free of any renderer: scale bars with round lengths, ground
metres per map unit of a CRS, grid-north convergence, coordinate grids, paper sizes and the frames
of a printed sheet. The canvas (Qt) and the sheet renderer (matplotlib) both draw from these numbers.
"""
