import pg from 'pg'

// How pg hands values to us, for every pool in the process (it is a global of pg):
// int8 (counts, bigint ids) as numbers, since every value here stays far below 2^53;
// date as 'YYYY-MM-DD', since a JS Date would shift it by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)
