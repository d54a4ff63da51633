/**
 * One Parquet file of the export, written a row group at a time with hyparquet-writer: rows
 * gather in a ColumnBatch and go out as a row group every ROW_GROUP_ROWS, so a 200k-customer
 * shop never holds a table whole.
 */
import { ParquetWriter, fileWriter } from 'hyparquet-writer';
import { ColumnBatch, type Cell, type ColumnKind, type ParquetTable } from '../../lib/export/parquet-tables';

/** Rows per row group. */
export const ROW_GROUP_ROWS = 50_000;

type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]['schema'][number];

/** The Parquet schema element of a column kind (timestamps: INT64 millis, adjusted to UTC). */
function elementOf(name: string, kind: ColumnKind, required: boolean): SchemaElement {
  const repetition_type = required ? 'REQUIRED' : 'OPTIONAL';
  switch (kind) {
    case 'string':
      return { name, type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' }, repetition_type };
    case 'int32':
      return { name, type: 'INT32', repetition_type };
    case 'int64':
      return { name, type: 'INT64', repetition_type };
    case 'double':
      return { name, type: 'DOUBLE', repetition_type };
    case 'boolean':
      return { name, type: 'BOOLEAN', repetition_type };
    case 'timestamp':
      return {
        name,
        type: 'INT64',
        converted_type: 'TIMESTAMP_MILLIS',
        logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
        repetition_type,
      };
  }
}

/** INT64 columns take bigints. */
const physical = (kind: ColumnKind, cells: Cell[]): Cell[] | (bigint | null)[] =>
  kind === 'int64' || kind === 'timestamp' ? cells.map((v) => (v === null ? null : BigInt(v as number))) : cells;

/** A table's file being written: add rows, then finish (an unfinished file is not a Parquet file). */
export class ParquetTableFile<R> {
  private readonly writer: ParquetWriter;
  private readonly batch: ColumnBatch<R>;
  /** Rows written so far (including the batch not yet flushed). */
  rows = 0;

  constructor(readonly table: ParquetTable<R>, readonly path: string) {
    const schema: SchemaElement[] = [
      { name: 'root', num_children: table.columns.length },
      ...table.columns.map((c) => elementOf(c.name, c.kind, c.required)),
    ];
    this.writer = new ParquetWriter({ writer: fileWriter(path), schema, createdBy: 'seller-lens export' });
    this.batch = new ColumnBatch(table);
  }

  /** Adds one row; a full batch goes out as a row group. */
  add(r: R): void {
    this.batch.add(r);
    this.rows++;
    if (this.batch.size >= ROW_GROUP_ROWS) this.flush();
  }

  private flush(): void {
    const n = this.batch.size;
    if (n === 0) return;
    const cols = this.table.columns;
    const cells = this.batch.take();
    // hyparquet-writer's types want its DecodedArray; our cells are plain arrays of those values.
    const columnData = cols.map((c, j) => ({ name: c.name, data: physical(c.kind, cells[j]!) as unknown as number[] }));
    void this.writer.write({ columnData, rowGroupSize: n });
  }

  /** Writes the last row group and the footer. */
  finish(): void {
    this.flush();
    void this.writer.finish();
  }
}
