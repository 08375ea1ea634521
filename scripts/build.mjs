// placeholder until the bundle step exists
