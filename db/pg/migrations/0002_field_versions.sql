CREATE TABLE "field_versions" (
	"table_name" text NOT NULL,
	"row_id" uuid NOT NULL,
	"field" text NOT NULL,
	"written_at" timestamp(3) with time zone NOT NULL,
	"mutation_id" uuid NOT NULL,
	CONSTRAINT "field_versions_table_name_row_id_field_pk" PRIMARY KEY("table_name","row_id","field")
);
