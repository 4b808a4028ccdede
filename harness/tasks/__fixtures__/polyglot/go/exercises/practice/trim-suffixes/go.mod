module trimsuffixes

go 1.18
