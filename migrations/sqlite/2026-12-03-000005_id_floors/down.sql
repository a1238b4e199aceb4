DROP TABLE id_floors;
